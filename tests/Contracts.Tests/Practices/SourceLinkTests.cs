using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Practices;

/// <summary>
/// The link rules of docs/evidence.md: a source link goes to the canonical page that carries the facts,
/// never to a staging copy, a development host or a mirror; a bare home page is allowed only when the
/// record says it is general ("source: organisation site").
/// </summary>
public sealed class SourceLinkTests
{
    private static readonly CatalogueLoadResult Catalogue = SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices"));

    /// <summary>
    /// Hosts that copy other sites' documents, or are a site's development or staging copy; and news aggregators
    /// that republish or rewrite other outlets' stories (the source reviews of 7 December 2026 replaced every
    /// citation of them with the original publisher or dropped what only they supported).
    /// </summary>
    private static readonly string[] ForbiddenHosts =
    [
        "webflow.io", "eef.dev", "pdfslide.net", "pdfslide.us", "kipdf.com", "vdocuments.us", "vdocuments.mx", "vdocuments.net", "fdocuments.in",
        "fdocuments.net", "studylib.net", "docslib.org", "dokumen.pub", "dokumen.tips", "scribd.com", "pdfcoffee.com", "documents.pub", "yumpu.com",
        "amedm.co.uk", "wordpress.com", "paperzz.com", "https.ncbi.nlm.nih.gov",
        "inkl.com", "particle.news", "owlbrief.com", "headtopics.com", "newsanyway.com",
        // Aggregators and mirrors found in older records (source review, December 2026): opencouncil.network and
        // councilgateway.poteris.co.uk copy councils' committee decisions and minutes, ouci.dntb.gov.ua re-hosts
        // journal abstracts, miragenews.com republishes press releases. None is the publisher: cite the council's
        // own committee site, the journal or funder, or the body that issued the release.
        "opencouncil.network", "councilgateway.poteris.co.uk", "ouci.dntb.gov.ua", "miragenews.com",
    ];

    /// <summary>
    /// Document-sharing sites that run under several domains: any host with one of these names as a label is refused,
    /// whatever its top-level domain (docsbay.net, docsbay.com, ...). They re-host uploaded documents, not publish them.
    /// </summary>
    private static readonly string[] ForbiddenSiteNames = ["docsbay"];

    /// <summary>Sub-domain labels of old, beta or staging copies of a site.</summary>
    private static readonly string[] ForbiddenLabels = ["staging", "beta", "v2", "uat", "dev", "test", "testing", "preview", "old", "new"];

    private static IEnumerable<(string Id, string Url, bool IsMain)> AllLinks() =>
        Catalogue.Practices.SelectMany(p => p.MoreSources.Select(m => (p.Id, m.Url, false)).Prepend((p.Id, p.SourceUrl, true)));

    public static string? Problem(string url, bool isMain, string kind)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "is not an absolute URL";
        }

        var host = uri.Host.ToLowerInvariant();
        if (ForbiddenHosts.FirstOrDefault(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal)) is { } mirror)
        {
            return $"is on {mirror}, a staging, development or mirror host";
        }

        var labels = host.Split('.');
        if (labels.FirstOrDefault(l => ForbiddenSiteNames.Contains(l)) is { } site)
        {
            return $"is on a {site} host, a document-sharing mirror";
        }

        // A label such as "scc-staging" or "d10dev" names a copy as surely as "staging." does.
        if (labels.Length > 2 && labels[..^2].FirstOrDefault(l => ForbiddenLabels.Contains(l) || l.Contains("staging", StringComparison.Ordinal) || l.EndsWith("dev", StringComparison.Ordinal)) is { } label)
        {
            return $"is on a '{label}.' copy of the site";
        }

        var bare = uri.AbsolutePath.Trim('/').Length == 0 && uri.Query.Length == 0;
        if (bare && (!isMain || kind != SourceUrlKinds.General))
        {
            return isMain
                ? "is a bare home page: link the specific page, or mark source_url_kind general"
                : "is a bare home page among more_sources, which must each support something specific";
        }

        return null;
    }

    [Fact]
    public void NoLinkGoesToAStagingDevelopmentOrMirrorHostOrAnUnmarkedHomePage()
    {
        var kinds = Catalogue.Practices.ToDictionary(p => p.Id, p => p.SourceUrlKind);
        var problems = AllLinks()
            .Select(l => (l, problem: Problem(l.Url, l.IsMain, kinds[l.Id])))
            .Where(x => x.problem is not null)
            .Select(x => $"{x.l.Id}: {x.l.Url} {x.problem}")
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("https://chi-staging.webflow.io/evidence/housing-first", true, "specific")]
    [InlineData("https://scc-staging.southampton.gov.uk/news/article", true, "specific")]
    [InlineData("https://d10dev.itsinternational.com/feature/article", true, "specific")]
    [InlineData("https://testing.airqualitynews.com/article", true, "specific")]
    [InlineData("https://paperzz.com/doc/123/protocol", true, "specific")]
    [InlineData("https://opencouncil.network/decisions/89506", true, "specific")]
    [InlineData("https://councilgateway.poteris.co.uk/decisions/1234", false, "specific")]
    [InlineData("https://ouci.dntb.gov.ua/en/works/4LLLrn64", false, "specific")]
    [InlineData("https://www.miragenews.com/nature-based-solutions-enhance-flood-resilience-1407099", false, "specific")]
    [InlineData("https://docsbay.net/some-council-report", true, "specific")]
    [InlineData("https://www.docsbay.com/doc/123", false, "specific")]
    [InlineData("https://eef.dev/education-evidence/teaching-learning-toolkit/homework", true, "specific")]
    [InlineData("https://v2.educationendowmentfoundation.org.uk/evidence-summaries/x", true, "specific")]
    [InlineData("https://beta.foundations.org.uk/guidebook", true, "specific")]
    [InlineData("https://kipdf.com/some-report.html", true, "specific")]
    [InlineData("https://www.amedm.co.uk/national-apprenticeship-week-2020/", true, "specific")]
    [InlineData("https://new.devon.gov.uk/libraryreview/old-intro-page/the-proposals/proposal-3/", true, "specific")]
    [InlineData("https://whatworksgrowth.org/", true, "specific")]
    [InlineData("https://whatworksgrowth.org", false, "general")]
    public void TheRuleCatchesEachKindOfBadLink(string url, bool isMain, string kind) =>
        Assert.NotNull(Problem(url, isMain, kind));

    [Theory]
    [InlineData("https://whatworksgrowth.org/", true, "general")]
    [InlineData("https://www.nao.org.uk/report/the-housing-of-rough-sleepers-during-the-covid19-pandemic", true, "specific")]
    [InlineData("https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit/feedback", false, "specific")]
    public void TheRuleLetsCanonicalAndMarkedLinksThrough(string url, bool isMain, string kind) =>
        Assert.Null(Problem(url, isMain, kind));

    [Fact]
    public void GeneralLinksStayTheException() =>
        Assert.InRange(Catalogue.Practices.Count(p => p.SourceUrlKind == SourceUrlKinds.General), 1, Catalogue.Practices.Count / 10);

    [Fact]
    public void MoreSourcesNameWhatTheySupport() =>
        Assert.All(Catalogue.Practices.SelectMany(p => p.MoreSources.Select(m => (p.Id, m))), x =>
            Assert.False(string.IsNullOrWhiteSpace(x.m.Supports), $"{x.Id}: {x.m.Url} does not say which figure or claim it supports"));
}
