using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Practices;

namespace Recommend.Ingest.Tests.Import;

public sealed class ServiceAreaSynonymsTests
{
    private readonly ServiceAreaSynonyms _synonyms = new();

    [Theory]
    [InlineData("Health", "public_health")]
    [InlineData("Social protection", "adult_social_care")]
    [InlineData("Social services", "adult_social_care")]
    [InlineData("Education", "education")]
    [InlineData("Transport", "transport")]
    [InlineData("Environment", "environment_climate")]
    [InlineData("Environmental protection", "environment_climate")]
    [InlineData("Housing", "housing_homelessness")]
    [InlineData("Housing and community amenities", "housing_homelessness")]
    [InlineData("Public order and safety", "community_safety")]
    [InlineData("Recreation, culture and religion", "culture_leisure")]
    [InlineData("Economic affairs", "economy_skills")]
    [InlineData("General public services", "digital_corporate")]
    public void CofogDivisionsAndPlainLabelsMapToServiceAreas(string label, string area)
    {
        Assert.Equal(area, _synonyms.Map(label));
    }

    [Theory]
    [InlineData("Family and children.", "childrens_services")]
    [InlineData("Social protection n.e.c.", "adult_social_care")]
    [InlineData("  PUBLIC   health services. ", "public_health")]
    [InlineData("Housing & community amenities", "housing_homelessness")]
    [InlineData("adult-social-care", "adult_social_care")]
    public void CaseSpacingFullStopsAndNotElsewhereClassifiedDoNotMatter(string label, string area)
    {
        Assert.Equal(area, _synonyms.Map(label));
    }

    [Fact]
    public void UnknownLabelMapsToNothing()
    {
        Assert.Null(_synonyms.Map("Agriculture, forestry, fishing and hunting"));
    }

    [Fact]
    public void DefenceIsANationalFunction()
    {
        Assert.True(ServiceAreaSynonyms.IsNationalFunction("Defence"));
        Assert.Null(_synonyms.Map("Defence"));
    }

    [Fact]
    public void MappingFileSynonymsAddToTheTable()
    {
        var synonyms = new ServiceAreaSynonyms(new Dictionary<string, string> { ["Agriculture, forestry, fishing and hunting"] = "economy_skills" });

        Assert.Equal("economy_skills", synonyms.Map("agriculture, forestry, fishing and hunting."));
    }

    [Fact]
    public void EveryBuiltInSynonymPointsAtARealServiceArea()
    {
        Assert.All(ServiceAreaSynonyms.BuiltInLabels, label => Assert.True(ServiceArea.IsKnown(_synonyms.Map(label)!), label));
    }
}
