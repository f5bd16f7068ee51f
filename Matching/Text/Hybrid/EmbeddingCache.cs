using System.Security.Cryptography;
using System.Text;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Text.Hybrid;

/// <summary>
/// Document embeddings for a corpus, kept in a file named by a hash of the model settings and every
/// document's id, title and body: a changed corpus gets a new file, an unchanged one (the usual case
/// when tuning or re-running an evaluation) loads in well under a second instead of re-embedding.
/// </summary>
public static class EmbeddingCache
{
    // Bump when the embedded text or the model changes, so old files are never read as current.
    private const string Recipe = "all-MiniLM-L6-v2;max-tokens=256;text=title+space+body;v1";
    private const int ProgressBatch = 256;

    /// <summary>The text embedded for a document: title and body joined by a space, as the published MiniLM scores use.</summary>
    public static string DocumentText(TextDocument document) =>
        document.Title.Length == 0 ? document.Body : document.Body.Length == 0 ? document.Title : document.Title + " " + document.Body;

    public static string KeyOf(IReadOnlyList<TextDocument> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Recipe));
        foreach (var document in documents)
        {
            foreach (var field in (ReadOnlySpan<string>)[document.Id, document.Title, document.Body])
            {
                hash.AppendData(BitConverter.GetBytes(field.Length));
                hash.AppendData(Encoding.UTF8.GetBytes(field));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>Loads the corpus's embeddings from <paramref name="directory"/>, or embeds and saves them.</summary>
    public static DenseIndex LoadOrBuild(IReadOnlyList<TextDocument> documents, MiniLmEmbedder embedder, string directory, TextWriter progress)
    {
        var path = Path.Combine(directory, $"minilm-{KeyOf(documents)}.rdix");
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            var cached = DenseIndex.Load(stream);
            if (cached.Count == documents.Count)
            {
                progress.WriteLine($"loaded {cached.Count:N0} cached document embeddings from {path}");
                return cached;
            }
        }

        var index = new DenseIndex(embedder.Dimensions);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var start = 0; start < documents.Count; start += ProgressBatch)
        {
            var batch = documents.Skip(start).Take(ProgressBatch).ToArray();
            var vectors = embedder.EmbedBatch(batch.Select(DocumentText).ToArray());
            for (var i = 0; i < batch.Length; i++)
            {
                index.Add(batch[i].Id, vectors[i]);
            }

            var done = start + batch.Length;
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            progress.WriteLine($"embedded {done:N0}/{documents.Count:N0} documents ({rate:0} per s, about {(documents.Count - done) / rate:0} s left)");
        }

        Directory.CreateDirectory(directory);
        // Write then rename, so an interrupted run never leaves a half file under the real name.
        var partial = path + ".partial";
        using (var stream = File.Create(partial))
        {
            index.Save(stream);
        }

        File.Move(partial, path, overwrite: true);
        progress.WriteLine($"cached document embeddings in {path}");
        return index;
    }
}
