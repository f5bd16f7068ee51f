using Recommend.Contracts.Councils;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Councils;

public sealed class CouncilDirectoryTests
{
    private static readonly CouncilDirectory Examples = new(CouncilCatalogue.LoadFile(RepoPaths.InRepo("data", "councils", "examples.json")).Councils);

    private static CouncilProfile Council(string code, string name, string? officialName = null) => new()
    {
        Code = code,
        GssCode = "E06000000",
        Name = name,
        OfficialName = officialName,
        Nation = Nation.England,
        Region = "Somewhere",
        GovernanceType = GovernanceType.Unitary,
        RuralUrban = RuralUrbanClass.Urban,
        UrbanShare = 1,
        DeprivationScore = 20,
        DeprivationDecile = 5,
        DeprivationQuintile = 3,
    };

    [Theory]
    [InlineData("BPL")]
    [InlineData("bpl")]
    [InlineData(" Bpl ")]
    public void CodeLookupIgnoresCaseAndSpaces(string code)
    {
        Assert.Equal("Blackpool", Examples.FindByCode(code)?.Name);
    }

    [Fact]
    public void GssCodeLookupFindsTheCouncil()
    {
        Assert.Equal("BPL", Examples.FindByGssCode("e06000009")?.Code);
        Assert.Equal("BPL", Examples.Find("E06000009")?.Code);
    }

    [Fact]
    public void UnknownCodeFindsNothing()
    {
        Assert.Null(Examples.FindByCode("ZZZ"));
    }

    [Fact]
    public void SearchByPrefixFindsTheCouncil()
    {
        Assert.Equal("Tower Hamlets", Examples.Search("tow")[0].Name);
    }

    [Fact]
    public void SearchRanksExactThenPrefixThenWordThenSubstring()
    {
        var directory = new CouncilDirectory(
        [
            Council("NYE", "North York Moors"),
            Council("EYO", "East Yorkshire"),
            Council("YOR", "York"),
            Council("YNY", "York and North Yorkshire"),
            Council("NWY", "Newyork"),
        ]);

        var names = directory.Search("york").Select(c => c.Name).ToList();

        Assert.Equal(["York", "York and North Yorkshire", "East Yorkshire", "North York Moors", "Newyork"], names);
    }

    [Fact]
    public void SearchMatchesEveryWordAtWordStarts()
    {
        Assert.Equal("Richmond upon Thames", Assert.Single(Examples.Search("rich thames")).Name);
    }

    [Fact]
    public void SearchIgnoresPunctuationAndAmpersands()
    {
        var directory = new CouncilDirectory([Council("SHN", "St. Helens"), Council("BAN", "Bath & North East Somerset")]);

        Assert.Equal("SHN", Assert.Single(directory.Search("st helens")).Code);
        Assert.Equal("BAN", Assert.Single(directory.Search("bath and north")).Code);
    }

    [Fact]
    public void SearchByCodePutsThatCouncilFirst()
    {
        Assert.Equal("HAT", Examples.Search("hat")[0].Code);
    }

    [Fact]
    public void SearchFallsBackToTheOfficialName()
    {
        var directory = new CouncilDirectory([Council("ELS", "Eilean Siar", "Comhairle nan Eilean Siar")]);

        Assert.Equal("ELS", Assert.Single(directory.Search("comhairle")).Code);
    }

    [Fact]
    public void SearchHonoursTheLimit()
    {
        Assert.Equal(3, Examples.Search("a", limit: 3).Count);
    }

    [Fact]
    public void BlankSearchFindsNothing()
    {
        Assert.Empty(Examples.Search("  "));
    }

    [Fact]
    public void DuplicateCodesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new CouncilDirectory([Council("BPL", "One"), Council("bpl", "Two")]));
    }
}
