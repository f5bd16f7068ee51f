using Recommend.Ingest.Import.Practices;

namespace Recommend.Ingest.Tests.Import;

public sealed class ImportedTextTests
{
    [Fact]
    public void ShortDescriptionIsItsOwnSummary()
    {
        Assert.Equal("A short description that fits in a summary.", ImportedText.Summarise("A short description\nthat fits in a summary."));
    }

    [Fact]
    public void SummaryStopsAtASentenceEndNearTheTarget()
    {
        var first = "The council set up a single front door for families needing early help, staffed by social workers and health visitors.";
        var second = "Referrals are triaged within a day and passed to the right team without a second assessment or a new form.";
        var third = "An evaluation found fewer repeat referrals in the first year, and staff reported less duplicated work across teams.";

        var summary = ImportedText.Summarise($"{first} {second} {third}");

        Assert.Equal($"{first} {second}", summary);
    }

    [Fact]
    public void OverlongFirstSentenceIsCutAtAWordWithAnEllipsis()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 150)) + ".";

        var summary = ImportedText.Summarise(sentence);

        Assert.True(summary.Length <= ImportedText.SummaryMax);
        Assert.EndsWith("word\u2026", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.org/a", "https://example.org/a")]
    [InlineData(" http://example.org ", "http://example.org")]
    [InlineData("www.kela.fi/lapsiperheet", "https://www.kela.fi/lapsiperheet")]
    [InlineData("trec.trentinosalute.net", "https://trec.trentinosalute.net")]
    [InlineData("internal web address", null)]
    [InlineData("Covibot Trento", null)]
    [InlineData("ftp://example.org", null)]
    [InlineData("v1.2", null)]
    public void WebAddressesGainASchemeAndNonAddressesAreRefused(string value, string? expected)
    {
        Assert.Equal(expected, ImportedText.WebAddress(value));
    }

    [Theory]
    [InlineData("10001", "10001")]
    [InlineData("Café Zürich 2.0", "cafe-zurich-2-0")]
    [InlineData("  --Hello,  World!-- ", "hello-world")]
    [InlineData("Children's services", "childrens-services")]
    public void SlugsAreLowercaseKebabCase(string text, string slug)
    {
        Assert.Equal(slug, Slug.From(text));
    }

    [Fact]
    public void LongSlugsAreCutAtAWordBoundary()
    {
        Assert.Equal("alpha-beta", Slug.From("alpha beta gamma", 12));
    }
}
