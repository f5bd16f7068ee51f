using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Analysis;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Text;

/// <summary>The fast query analyser must produce exactly the ML.NET pipeline's terms, or queries would miss what documents indexed.</summary>
public class AnalyzerEquivalenceTests
{
    private static readonly string[] Awkward =
    [
        "Café crème: naïve façade, Zoë's rôle in São Paulo — über-cool!",
        "COVID-19 (SARS-CoV-2) cut A&E visits by 12.5% in 2020/21; p<0.05, n=1,024.",
        "e\u0301cole combining marks, ΆΘΗΝΑ Ёлка ﬁnance ½ ² ³ Ⅻ",
        "The council's \"Family Hubs\" were not a success — or were they? It is, as such, unclear.",
        "tabs\tand\nnew lines\r\nand   spaces",
        "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with",
        "Pneumonoultramicroscopicsilicovolcanoconiosis" + new string('x', 300) + " tail",
        "😀 emoji 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters, 中文 文本, عربي, हिन्दी",
        "",
        "   ",
        "BRCA1/2 IL-6 TNF-α β-cells c-Myc p53-dependent 3'-UTR",
    ];

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void FastAnalyserGivesTheSameWordsAsTheMlNetPipeline(bool removeStopWords, bool stem)
    {
        var options = new AnalyzerOptions(removeStopWords, stem);
        AssertSameWords(options, Awkward);
    }

    [SharedDataFact(SharedFiles.SciFactCorpus)]
    public void FastAnalyserGivesTheSameWordsAsTheMlNetPipelineOnSciFact()
    {
        var texts = BeirReader.ReadCorpus(SharedFiles.PathOf(SharedFiles.SciFactCorpus)).Take(600).Select(d => d.Title + " " + d.Body).ToArray();
        AssertSameWords(new AnalyzerOptions(Stem: true), texts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FastAnalyserGivesTheSameTermCountsAsTheMlNetBags(int ngrams)
    {
        var options = new AnalyzerOptions(Stem: true, NgramLength: ngrams);
        var documents = Awkward.Select((text, i) => new TextDocument($"d{i}", text, Awkward[(i + 3) % Awkward.Length])).ToArray();
        var vocabulary = new TermVocabulary();
        var bags = new MlTextFeaturizer(options).FitTransform(documents, vocabulary);
        var analyzer = new TextAnalyzer(options);

        for (var i = 0; i < documents.Length; i++)
        {
            AssertSameBag(analyzer, documents[i].Title, bags[i].Title, vocabulary);
            AssertSameBag(analyzer, documents[i].Body, bags[i].Body, vocabulary);
        }
    }

    private static void AssertSameWords(AnalyzerOptions options, string[] texts)
    {
        var reference = new MlTextFeaturizer(options).Tokenize(texts);
        var fast = new TextAnalyzer(options);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(reference[i], fast.Tokens(texts[i]));
        }
    }

    private static void AssertSameBag(TextAnalyzer analyzer, string text, SparseTermVector bag, TermVocabulary vocabulary)
    {
        var expected = analyzer.Terms(text).GroupBy(t => t).ToDictionary(g => g.Key, g => (float)g.Count());
        var actual = bag.Terms.Select((term, j) => (Term: vocabulary[term], Count: bag.Counts[j])).ToDictionary(p => p.Term, p => p.Count);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(analyzer.Tokens(text).Count, bag.Length);
    }
}
