using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Tests.Import;

public sealed class JsonLinesTableTests
{
    [Fact]
    public void ValuesBecomeTextTheWayACsvCellHoldsThem()
    {
        var row = Assert.Single(JsonLinesTable.Rows(new StringReader("""{"id": 7, "name": "X", "live": true, "gone": null, "countries": ["Italy", "Spain"]}""")));

        Assert.Null(row.Error);
        Assert.Equal("7", row.Get("id"));
        Assert.Equal("true", row.Get("live"));
        Assert.Null(row.Get("gone"));
        Assert.Equal("Italy; Spain", row.Get("countries"));
    }

    [Fact]
    public void BadLinesAreRowsWithErrorsAndBlankLinesAreSkipped()
    {
        var rows = JsonLinesTable.Rows(new StringReader("{\"a\":1}\n\nnot json\n[1,2]\n")).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0].Error);
        Assert.Contains("not valid JSON", rows[1].Error, StringComparison.Ordinal);
        Assert.Equal(3, rows[1].Line);
        Assert.Contains("not an object", rows[2].Error, StringComparison.Ordinal);
    }
}
