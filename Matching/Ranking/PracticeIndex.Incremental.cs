using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking.Versions;

namespace Recommend.Matching.Ranking;

public sealed partial class PracticeIndex
{
    /// <summary>
    /// Applies a delta in place and returns the index of version <see cref="IndexSegment.To"/>. The
    /// BM25 index, the vectors and the int8 shortlist are shared and updated where they are (each
    /// safe to search meanwhile), so a replica's memory grows by the delta, not by a second copy of
    /// the catalogue; only the practice list and its id lookup are copied (references, a few MB at
    /// 100k). Requests still on this version keep its practice list: a practice the delta adds is
    /// unknown to them and skipped, a replaced one keeps its old text while its scores are new.
    /// Added practices go at the end of the list; a version's model (reranker, frozen feedback,
    /// card) carries over.
    /// </summary>
    public PracticeIndex WithSegment(IndexSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.From != Version)
        {
            throw new InvalidDataException($"Segment {segment.Id} applies to version {segment.From}, not {Version}.");
        }

        if (_dense is not null && segment.Vectors is null)
        {
            throw new InvalidDataException($"Segment {segment.Id} has no vectors for an index that has them.");
        }

        // Vectors before the lexical entries: a document the lexical side can return always has one.
        if (_dense is not null)
        {
            foreach (var practice in segment.Practices)
            {
                _dense.Add(practice.Id, segment.Vectors!.GetVector(practice.Id));
            }
        }

        var replacedDocs = new List<int>();
        foreach (var entry in segment.Lexical)
        {
            if (_lexical.TryGetDoc(entry.Id, out var doc))
            {
                replacedDocs.Add(doc);
            }

            _lexical.Add(entry);
        }

        _hybrid?.CatchUp(replacedDocs);

        var practices = new List<Practice>(Practices.Count + segment.Practices.Count);
        practices.AddRange(Practices);
        var positions = new Dictionary<string, int>(_positionById, StringComparer.Ordinal);
        foreach (var practice in segment.Practices)
        {
            if (positions.TryGetValue(practice.Id, out var position))
            {
                practices[position] = practice;
            }
            else
            {
                positions[practice.Id] = practices.Count;
                practices.Add(practice);
            }
        }

        return new PracticeIndex(segment.To, practices, positions, _lexical, _dense, _embedder, _hybrid, Reranker, Feedback, Card);
    }

    /// <summary>"-mHASH" of a retrained version's id ("CATALOGUE-mHASH"), empty for a plain one: a delta on a model keeps its model.</summary>
    public static string ModelSuffix(string version) =>
        version.LastIndexOf("-m", StringComparison.Ordinal) is var at and > 0 ? version[at..] : "";
}
