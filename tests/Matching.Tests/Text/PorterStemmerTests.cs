using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Tests.Text;

public class PorterStemmerTests
{
    // Examples from Porter (1980) and the reference implementation's vocabulary, whole algorithm applied.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("effective", "effect")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("controlling", "control")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    [InlineData("vaccination", "vaccin")]
    [InlineData("vaccines", "vaccin")]
    [InlineData("councils", "council")]
    public void StemsPorterExamplesLikeTheReference(string word, string expected) =>
        Assert.Equal(expected, PorterStemmer.Stem(word));

    [Theory]
    [InlineData("a")]
    [InlineData("is")]
    [InlineData("19")]
    public void LeavesWordsOfTwoLettersOrFewerAlone(string word) =>
        Assert.Equal(word, PorterStemmer.Stem(word));
}
