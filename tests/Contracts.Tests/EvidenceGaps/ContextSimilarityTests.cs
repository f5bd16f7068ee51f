using Recommend.Contracts.Councils;
using Recommend.Contracts.EvidenceGaps;
using static Recommend.Contracts.Tests.EvidenceGaps.GapTestData;

namespace Recommend.Contracts.Tests.EvidenceGaps;

public sealed class ContextSimilarityTests
{
    [Fact]
    public void EvidenceThatStatesOnlyItsNationIsNationOnlyNotSimilar()
    {
        Assert.Equal(EvidenceReach.NationOnly, ContextSimilarity.Compare(Practice("a"), Cell()));
        Assert.Equal(EvidenceReach.NationOnly, ContextSimilarity.Compare(Practice("b", countries: ["UK"], types: ["national"]), Cell(Nation.Wales)));
    }

    [Fact]
    public void EvidenceFromAnotherNationOrOnlyAbroadDoesNotReachTheCell()
    {
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(Practice("a", countries: [Nation.Scotland]), Cell(Nation.England)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(Practice("b", countries: ["USA", "International"]), Cell()));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(Practice("c", countries: []), Cell()));
    }

    [Fact]
    public void GreatBritainCoversEnglandScotlandAndWalesButNotNorthernIreland()
    {
        var gb = Practice("a", countries: ["Great Britain"]);

        Assert.Equal(EvidenceReach.NationOnly, ContextSimilarity.Compare(gb, Cell(Nation.Scotland)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(gb, Cell(Nation.NorthernIreland, ContextCell.District)));
    }

    [Fact]
    public void EveryStatedFieldMustBeTheCellsForSimilarEvidence()
    {
        var practice = Practice("a", types: [GovernanceType.Unitary], rural: [RuralUrbanClass.Urban], quintiles: [2]);

        Assert.Equal(EvidenceReach.Similar, ContextSimilarity.Compare(practice, Cell()));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(practice, Cell(rural: RuralUrbanClass.UrbanWithRural)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(practice, Cell(band: DeprivationBand.Middle)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(practice, Cell(tier: ContextCell.County)));
    }

    [Fact]
    public void AnUnstatedFieldDoesNotStopAMatchOnTheStatedOnes()
    {
        var practice = Practice("a", countries: ["UK"], rural: [RuralUrbanClass.Rural]);

        Assert.Equal(EvidenceReach.Similar, ContextSimilarity.Compare(practice, Cell(Nation.Wales, rural: RuralUrbanClass.Rural, band: DeprivationBand.LessDeprived)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(practice, Cell(Nation.Wales, rural: RuralUrbanClass.Urban)));
    }

    [Fact]
    public void ACouncilTypeSpeaksForItsOwnNationOnly()
    {
        // A UK-wide record whose named councils are English unitaries is not evidence from a Scottish council.
        var practice = Practice("a", countries: ["UK"], types: [GovernanceType.Unitary]);

        Assert.Equal(EvidenceReach.Similar, ContextSimilarity.Compare(practice, Cell(Nation.England)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(practice, Cell(Nation.Scotland)));
    }

    [Fact]
    public void SameTierCountsAsSimilarButAnotherTierDoesNot()
    {
        var metropolitan = Practice("a", types: [GovernanceType.MetropolitanDistrict]);
        var county = Practice("b", types: [GovernanceType.County]);

        Assert.Equal(EvidenceReach.Similar, ContextSimilarity.Compare(metropolitan, Cell(tier: ContextCell.SingleTier)));
        Assert.Equal(EvidenceReach.None, ContextSimilarity.Compare(metropolitan, Cell(tier: ContextCell.County)));
        Assert.Equal(EvidenceReach.Similar, ContextSimilarity.Compare(county, Cell(tier: ContextCell.County)));
    }

    [Fact]
    public void ACombinedAuthoritySaysNothingAboutTheCouncilsTier()
    {
        Assert.Equal(EvidenceReach.NationOnly, ContextSimilarity.Compare(Practice("a", types: [GovernanceType.CombinedAuthority]), Cell()));
    }

    [Theory]
    [InlineData(1, DeprivationBand.MoreDeprived)]
    [InlineData(2, DeprivationBand.MoreDeprived)]
    [InlineData(3, DeprivationBand.Middle)]
    [InlineData(4, DeprivationBand.LessDeprived)]
    [InlineData(5, DeprivationBand.LessDeprived)]
    public void DeprivationBandsJoinTheQuintilesAtEachEnd(int quintile, string band) =>
        Assert.Equal(band, DeprivationBand.Of(quintile));
}
