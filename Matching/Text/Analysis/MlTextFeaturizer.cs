using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// Index-time featurisation with ML.NET: normalise (lowercase, diacritics off), split on anything
/// that is not a letter or digit, drop Lucene's stop words, optionally stem, map words to keys and
/// count n-grams into a sparse <c>VBuffer&lt;float&gt;</c> per field. The vectors are read with a
/// cursor, slot by slot, never densified. <see cref="TextAnalyzer"/> is the fast twin for queries.
/// </summary>
public sealed class MlTextFeaturizer
{
    public MlTextFeaturizer(AnalyzerOptions options)
    {
        options.Validate();
        Options = options;
    }

    public AnalyzerOptions Options { get; }

    /// <summary>
    /// Fits the pipeline on the documents and returns each document's title and body bags, with
    /// term ids taken from (and added to) <paramref name="vocabulary"/>; row i is document i.
    /// </summary>
    public IReadOnlyList<(SparseTermVector Title, SparseTermVector Body)> FitTransform(IReadOnlyList<TextDocument> documents, TermVocabulary vocabulary)
    {
        var data = TextPipeline.Ml.Data.LoadFromEnumerable(documents.Select(d => new FieldRow { Title = d.Title, Body = d.Body }));
        // Fitting the key map and the n-gram vocabulary each take a pass over the words; caching them
        // once avoids normalising and splitting the corpus three times.
        var pipeline = WordsPipeline()
            .AppendCacheCheckpoint(TextPipeline.Ml)
            .Append(TextPipeline.Ml.Transforms.Conversion.MapValueToKey([new(TitleKeys, TitleWords), new(BodyKeys, BodyWords)]))
            .Append(Bag(TitleBag, TitleKeys))
            .Append(Bag(BodyBag, BodyKeys));
        var output = pipeline.Fit(data).Transform(data);

        var titleSlots = SlotTerms(output.Schema[TitleBag], vocabulary, out var titleIsWord);
        var bodySlots = SlotTerms(output.Schema[BodyBag], vocabulary, out var bodyIsWord);

        var result = new List<(SparseTermVector, SparseTermVector)>(documents.Count);
        using var cursor = output.GetRowCursor([output.Schema[TitleBag], output.Schema[BodyBag]]);
        var titleGetter = cursor.GetGetter<VBuffer<float>>(output.Schema[TitleBag]);
        var bodyGetter = cursor.GetGetter<VBuffer<float>>(output.Schema[BodyBag]);
        var titleBag = default(VBuffer<float>);
        var bodyBag = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            titleGetter(ref titleBag);
            bodyGetter(ref bodyBag);
            result.Add((ToSparse(in titleBag, titleSlots, titleIsWord), ToSparse(in bodyBag, bodySlots, bodyIsWord)));
        }

        return result;
    }

    /// <summary>The words ML.NET produces for each text (stop words removed, stemmed if on): the reference the fast analyser is tested against.</summary>
    public IReadOnlyList<string[]> Tokenize(IEnumerable<string> texts)
    {
        var data = TextPipeline.Ml.Data.LoadFromEnumerable(texts.Select(t => new FieldRow { Title = t, Body = "" }));
        var output = WordsPipeline().Fit(data).Transform(data);
        var result = new List<string[]>();
        using var cursor = output.GetRowCursor([output.Schema[TitleWords]]);
        var getter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(output.Schema[TitleWords]);
        var words = default(VBuffer<ReadOnlyMemory<char>>);
        while (cursor.MoveNext())
        {
            getter(ref words);
            var values = words.DenseValues().Select(w => w.ToString()).ToArray();
            result.Add(values);
        }

        return result;
    }

    // Column names: one per step, so a step that is switched off is a copy rather than a branch in the readers.
    private const string TitleNormal = "TitleNormal";
    private const string BodyNormal = "BodyNormal";
    private const string TitleTokens = "TitleTokens";
    private const string BodyTokens = "BodyTokens";
    private const string TitleKept = "TitleKept";
    private const string BodyKept = "BodyKept";
    private const string TitleWords = "TitleWords";
    private const string BodyWords = "BodyWords";
    private const string TitleKeys = "TitleKeys";
    private const string BodyKeys = "BodyKeys";
    private const string TitleBag = "TitleBag";
    private const string BodyBag = "BodyBag";

    // Term frequencies of every n-gram up to the configured length, across removed stop words.
    private NgramExtractingEstimator Bag(string output, string input) =>
        TextPipeline.Ml.Transforms.Text.ProduceNgrams(output, input, ngramLength: Options.NgramLength, skipLength: 0, useAllLengths: true, maximumNgramsCount: 10_000_000, weighting: NgramExtractingEstimator.WeightingCriteria.Tf);

    private IEstimator<ITransformer> WordsPipeline()
    {
        IEstimator<ITransformer> pipeline = TextPipeline.Normalise(TitleNormal, nameof(FieldRow.Title))
            .Append(TextPipeline.Normalise(BodyNormal, nameof(FieldRow.Body)))
            // ML.NET's tokeniser scans its separator list per character, far too slow for the ~16k
            // non-alphanumeric code units, so this step maps them all to a space first.
            .Append(TextPipeline.Ml.Transforms.CustomMapping<NormalRow, SeparatedRow>(SeparatedRow.Map, contractName: null))
            .Append(TextPipeline.Ml.Transforms.Text.TokenizeIntoWords(TitleTokens, nameof(SeparatedRow.TitleSeparated), [CharacterFolding.Separator]))
            .Append(TextPipeline.Ml.Transforms.Text.TokenizeIntoWords(BodyTokens, nameof(SeparatedRow.BodySeparated), [CharacterFolding.Separator]));

        if (Options.RemoveStopWords)
        {
            var stopWords = EnglishStopWords.Lucene.ToArray();
            pipeline = pipeline
                .Append(TextPipeline.Ml.Transforms.Text.RemoveStopWords(TitleKept, TitleTokens, stopWords))
                .Append(TextPipeline.Ml.Transforms.Text.RemoveStopWords(BodyKept, BodyTokens, stopWords));
        }
        else
        {
            pipeline = pipeline.Append(TextPipeline.Ml.Transforms.CopyColumns(TitleKept, TitleTokens)).Append(TextPipeline.Ml.Transforms.CopyColumns(BodyKept, BodyTokens));
        }

        return Options.Stem
            ? pipeline.Append(TextPipeline.Ml.Transforms.CustomMapping<KeptRow, StemmedRow>(StemmedRow.Map, contractName: null))
            : pipeline.Append(TextPipeline.Ml.Transforms.CopyColumns(TitleWords, TitleKept)).Append(TextPipeline.Ml.Transforms.CopyColumns(BodyWords, BodyKept));
    }

    private static int[] SlotTerms(DataViewSchema.Column column, TermVocabulary vocabulary, out bool[] isWord)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref names);
        var ids = new int[names.Length];
        isWord = new bool[names.Length];
        var slot = 0;
        foreach (var name in names.DenseValues())
        {
            ids[slot] = vocabulary.GetOrAdd(name.Span);
            isWord[slot] = !name.Span.Contains(AnalyzerOptions.NgramSeparator);
            slot++;
        }

        return ids;
    }

    private static SparseTermVector ToSparse(in VBuffer<float> bag, int[] slotTerms, bool[] slotIsWord)
    {
        var values = bag.GetValues();
        var indices = bag.GetIndices();
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return SparseTermVector.Empty;
        }

        var terms = new int[count];
        var counts = new float[count];
        var length = 0;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == 0)
            {
                continue;
            }

            // A sparse VBuffer lists its slots in indices; a dense one (all slots filled) does not.
            var slot = bag.IsDense ? i : indices[i];
            terms[n] = slotTerms[slot];
            counts[n] = values[i];
            if (slotIsWord[slot])
            {
                length += (int)values[i];
            }

            n++;
        }

        Array.Sort(terms, counts);
        return new SparseTermVector(terms, counts, length);
    }

    private sealed class FieldRow
    {
        public string Title { get; set; } = "";

        public string Body { get; set; } = "";
    }

    private sealed class NormalRow
    {
        public string TitleNormal { get; set; } = "";

        public string BodyNormal { get; set; } = "";
    }

    private sealed class SeparatedRow
    {
        public string TitleSeparated { get; set; } = "";

        public string BodySeparated { get; set; } = "";

        public static void Map(NormalRow input, SeparatedRow output)
        {
            output.TitleSeparated = Separate(input.TitleNormal);
            output.BodySeparated = Separate(input.BodyNormal);
        }

        private static string Separate(string text) =>
            string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = TextPipeline.IsTokenChar(source[i]) ? source[i] : CharacterFolding.Separator;
                }
            });
    }

    private sealed class KeptRow
    {
        public string[] TitleKept { get; set; } = [];

        public string[] BodyKept { get; set; } = [];
    }

    private sealed class StemmedRow
    {
        public string[] TitleWords { get; set; } = [];

        public string[] BodyWords { get; set; } = [];

        public static void Map(KeptRow input, StemmedRow output)
        {
            output.TitleWords = Array.ConvertAll(input.TitleKept, PorterStemmer.Stem);
            output.BodyWords = Array.ConvertAll(input.BodyKept, PorterStemmer.Stem);
        }
    }
}
