using Recommend.Core.Practices;

namespace Recommend.Tests.Practices;

public sealed class PracticeValidatorTests
{
    public static Practice ValidPractice(string id = "shared-lives") => new()
    {
        Id = id,
        Title = "Shared Lives carers",
        Summary = "Adults who need support live with, or regularly visit, a trained carer's household instead of a care home.",
        Description = string.Join(' ', Enumerable.Repeat("Approved carers share their home and family life with an adult who needs support, matched for interests and temperament.", 3)),
        Source = "Test source",
        SourceUrl = "https://sharedlivesplus.org.uk/",
        PracticeType = "service_model",
        ServiceAreas = ["adult_social_care"],
        Outcomes = ["wellbeing"],
        Evidence = new Evidence { Level = 2, EffectDirection = "positive" },
        Cost = new Cost { Band = 2 },
        Audiences = ["commissioner"],
    };

    [Fact]
    public void ValidPracticeHasNoErrors() =>
        Assert.Empty(PracticeValidator.Validate(ValidPractice()));

    [Theory]
    [InlineData("Has Spaces")]
    [InlineData("UPPER")]
    [InlineData("-leading")]
    [InlineData("double--dash")]
    public void BadIdsAreRejected(string id) =>
        Assert.Contains(PracticeValidator.Validate(ValidPractice(id)), e => e.Field == "id");

    [Fact]
    public void UnknownServiceAreaIsRejectedWithTheAllowedList()
    {
        var errors = PracticeValidator.Validate(ValidPractice() with { ServiceAreas = ["parks"] });
        var error = Assert.Single(errors);
        Assert.Equal("service_areas", error.Field);
        Assert.Contains("adult_social_care", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvidenceLevelOutsideOneToFiveIsRejected() =>
        Assert.Contains(PracticeValidator.Validate(ValidPractice() with { Evidence = new Evidence { Level = 6, EffectDirection = "positive" } }), e => e.Field == "evidence.level");

    [Fact]
    public void UnratedEvidenceIsAllowed() =>
        Assert.Empty(PracticeValidator.Validate(ValidPractice() with { Evidence = new Evidence { Level = null, EffectDirection = "unknown" } }));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org/x")]
    [InlineData("https://localhost/x")]
    public void SourceUrlMustBeAPublicHttpUrl(string url) =>
        Assert.Contains(PracticeValidator.Validate(ValidPractice() with { SourceUrl = url }), e => e.Field == "source_url");

    [Fact]
    public void ShortDescriptionIsRejectedWithItsLength()
    {
        var error = Assert.Single(PracticeValidator.Validate(ValidPractice() with { Description = "Too short." }));
        Assert.Equal("description", error.Field);
        Assert.Contains("was 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdopterCodeMustBeThreeCapitalLetters() =>
        Assert.Contains(
            PracticeValidator.Validate(ValidPractice() with { Adopters = [new Adopter { CouncilName = "Wigan", CouncilCode = "wgn" }] }),
            e => e.Field == "adopters.council_code");
}
