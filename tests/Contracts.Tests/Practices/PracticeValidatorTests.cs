using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Practices;

public sealed class PracticeValidatorTests
{
    [Fact]
    public void ValidPracticeHasNoErrors() =>
        Assert.Empty(PracticeValidator.Validate(TestPractices.Valid()));

    [Theory]
    [InlineData("Has Spaces")]
    [InlineData("UPPER")]
    [InlineData("-leading")]
    [InlineData("double--dash")]
    public void BadIdsAreRejected(string id) =>
        Assert.Contains(PracticeValidator.Validate(TestPractices.Valid(id)), e => e.Field == "id");

    [Fact]
    public void UnknownServiceAreaIsRejectedWithTheAllowedList()
    {
        var errors = PracticeValidator.Validate(TestPractices.Valid() with { ServiceAreas = ["parks"] });
        var error = Assert.Single(errors);
        Assert.Equal("service_areas", error.Field);
        Assert.Contains("adult_social_care", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvidenceLevelOutsideOneToFiveIsRejected() =>
        Assert.Contains(PracticeValidator.Validate(TestPractices.Valid() with { Evidence = new Evidence { Level = 6, EffectDirection = "positive" } }), e => e.Field == "evidence.level");

    [Fact]
    public void UnratedEvidenceIsAllowed() =>
        Assert.Empty(PracticeValidator.Validate(TestPractices.Valid() with { Evidence = new Evidence { Level = null, EffectDirection = "unknown" } }));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org/x")]
    [InlineData("https://localhost/x")]
    public void SourceUrlMustBeAPublicHttpUrl(string url) =>
        Assert.Contains(PracticeValidator.Validate(TestPractices.Valid() with { SourceUrl = url }), e => e.Field == "source_url");

    [Fact]
    public void ShortDescriptionIsRejectedWithItsLength()
    {
        var error = Assert.Single(PracticeValidator.Validate(TestPractices.Valid() with { Description = "Too short." }));
        Assert.Equal("description", error.Field);
        Assert.Contains("was 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemsInACouncilsWordsAreAllowed() =>
        Assert.Empty(PracticeValidator.Validate(TestPractices.Valid() with { Problems = ["Too many older patients wait in hospital for home care", "Care homes are full of people who could live at home"] }));

    [Fact]
    public void AProblemTooShortToSayAnythingIsRejectedWithItsLength()
    {
        var error = Assert.Single(PracticeValidator.Validate(TestPractices.Valid() with { Problems = ["Delays"] }));
        Assert.Equal("problems", error.Field);
        Assert.Contains("was 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanSixProblemsAreRejected() =>
        Assert.Contains(
            PracticeValidator.Validate(TestPractices.Valid() with { Problems = [.. Enumerable.Range(1, 7).Select(i => $"A problem councils describe, number {i}")] }),
            e => e.Field == "problems" && e.Message.Contains("at most 6", StringComparison.Ordinal));

    [Fact]
    public void AdopterCodeMustBeThreeCapitalLetters() =>
        Assert.Contains(
            PracticeValidator.Validate(TestPractices.Valid() with { Adopters = [new Adopter { CouncilName = "Wigan", CouncilCode = "wgn" }] }),
            e => e.Field == "adopters.council_code");

    [Fact]
    public void UnknownSourceUrlKindIsRejected() =>
        Assert.Contains(PracticeValidator.Validate(TestPractices.Valid() with { SourceUrlKind = "homepage" }), e => e.Field == "source_url_kind");

    [Fact]
    public void GeneralSourceUrlKindIsAllowed() =>
        Assert.Empty(PracticeValidator.Validate(TestPractices.Valid() with { SourceUrlKind = SourceUrlKinds.General }));

    [Theory]
    [InlineData("", "https://example.org/report")]
    [InlineData("Council report", "not a url")]
    public void FurtherSourcesNeedANameAndAWebAddress(string name, string url) =>
        Assert.Contains(
            PracticeValidator.Validate(TestPractices.Valid() with { MoreSources = [new SourceReference { Source = name, Url = url, Supports = "a figure" }] }),
            e => e.Field == "more_sources");

    [Fact]
    public void BlankLevelReasonIsRejected() =>
        Assert.Contains(
            PracticeValidator.Validate(TestPractices.Valid() with { Evidence = new Evidence { Level = 2, EffectDirection = "positive", LevelReason = "  " } }),
            e => e.Field == "evidence.level_reason");

    [Fact]
    public void RatingGradeNeedsItsScale() =>
        Assert.Contains(
            PracticeValidator.Validate(TestPractices.Valid() with { Evidence = new Evidence { Level = 2, EffectDirection = "positive", RatingGrade = "2" } }),
            e => e.Field == "evidence.rating_scale");

    [Theory]
    [InlineData(4, "unknown", 60, "evidence.level")]
    [InlineData(null, "unknown", null, "evidence.n_studies")]
    [InlineData(null, "positive", 60, "evidence.effect_direction")]
    public void AStudyCountIsNotARating(int? level, string direction, int? studies, string field) =>
        Assert.Contains(
            PracticeValidator.Validate(TestPractices.Valid() with
            {
                Evidence = new Evidence { Level = level, EffectDirection = direction, NStudies = studies, RatingScale = "chi_evidence_map", RatingGrade = studies?.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            }),
            e => e.Field == field);

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public void AStudyCountMayBeUnratedOrLevelOne(int? level) =>
        Assert.Empty(PracticeValidator.Validate(TestPractices.Valid() with
        {
            Evidence = new Evidence { Level = level, EffectDirection = "unknown", NStudies = 60, RatingScale = "chi_evidence_map", RatingGrade = "60" },
        }));
}
