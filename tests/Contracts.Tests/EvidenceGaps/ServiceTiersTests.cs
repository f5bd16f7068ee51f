using Recommend.Contracts.Councils;
using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Practices;
using static Recommend.Contracts.Tests.EvidenceGaps.GapTestData;

namespace Recommend.Contracts.Tests.EvidenceGaps;

public sealed class ServiceTiersTests
{
    [Theory]
    [InlineData("adult_social_care", true)]
    [InlineData("childrens_services", true)]
    [InlineData("education", true)]
    [InlineData("public_health", true)]
    [InlineData("transport", true)]
    [InlineData("housing_homelessness", false)]
    [InlineData("revenues_benefits", false)]
    [InlineData("waste", false)]
    [InlineData("community_safety", false)]
    public void InTwoTierAreasExactlyOneOfCountyAndDistrictCountsTheResidents(string area, bool county)
    {
        Assert.Equal(county, ServiceTiers.Counts(Council("CTY", GovernanceType.County), area));
        Assert.Equal(!county, ServiceTiers.Counts(Council("DIS", GovernanceType.District), area));
    }

    [Fact]
    public void SingleTierAndNorthernIrishCouncilsCountForEveryAreaAndCombinedAuthoritiesForNone()
    {
        foreach (var area in ServiceArea.All)
        {
            Assert.True(ServiceTiers.Counts(Council("UNI", GovernanceType.Unitary), area));
            Assert.True(ServiceTiers.Counts(Council("SCO", GovernanceType.ScottishCouncil, Nation.Scotland), area));
            Assert.True(ServiceTiers.Counts(Council("NID", GovernanceType.NiDistrict, Nation.NorthernIreland), area));
            Assert.False(ServiceTiers.Counts(Council("GMCA", GovernanceType.CombinedAuthority), area));
        }
    }

    [Fact]
    public void AnUnknownAreaIsAnError() =>
        Assert.Throws<ArgumentException>(() => ServiceTiers.TwoTierRunner("parking"));
}
