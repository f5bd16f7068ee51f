using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Tests.Import;

public sealed class CsvReaderTests
{
    private static List<CsvRecord> Read(string text) => [.. CsvReader.Read(new StringReader(text))];

    [Fact]
    public void PlainFieldsSplitOnCommas()
    {
        var record = Assert.Single(Read("a,b,c\n"));

        Assert.Equal(["a", "b", "c"], record.Fields);
        Assert.Null(record.Error);
    }

    [Fact]
    public void QuotedFieldKeepsEmbeddedCommas()
    {
        var record = Assert.Single(Read("ABC,\"Armagh City, Banbridge and Craigavon\",N09000002\r\n"));

        Assert.Equal(["ABC", "Armagh City, Banbridge and Craigavon", "N09000002"], record.Fields);
    }

    [Fact]
    public void DoubledQuotesInsideAQuotedFieldAreOneQuote()
    {
        var record = Assert.Single(Read("1,\"The chatbot \"\"Mona\"\" answers\"\n"));

        Assert.Equal("The chatbot \"Mona\" answers", record.Fields[1]);
    }

    [Fact]
    public void QuotedFieldKeepsEmbeddedLineBreaksAndLineNumbersFollowThem()
    {
        var records = Read("id,text\n1,\"first line\nsecond line\r\nthird\"\n2,after\n");

        Assert.Equal(3, records.Count);
        Assert.Equal("first line\nsecond line\r\nthird", records[1].Fields[1]);
        Assert.Equal((2, 2), (records[1].Row, records[1].Line));
        Assert.Equal((3, 5), (records[2].Row, records[2].Line));
    }

    [Fact]
    public void CrlfLfAndLoneCrAllEndRecords()
    {
        var records = Read("a\r\nb\nc\rd");

        Assert.Equal(["a", "b", "c", "d"], records.Select(r => r.Fields[0]));
    }

    [Fact]
    public void LastRecordWithoutLineBreakIsRead()
    {
        Assert.Equal(["x", "y"], Assert.Single(Read("x,y")).Fields);
    }

    [Fact]
    public void EmptyFieldsAreKeptIncludingTrailingOnes()
    {
        Assert.Equal(["", "b", "", ""], Assert.Single(Read(",b,,\n")).Fields);
    }

    [Fact]
    public void QuotedEmptyFieldIsAnEmptyValueNotABlankLine()
    {
        Assert.Equal([""], Assert.Single(Read("\"\"\n")).Fields);
    }

    [Fact]
    public void BlankLinesAreSkippedWithoutShiftingRowNumbers()
    {
        var records = Read("h\n\n1\n\r\n2\n");

        Assert.Equal(["h", "1", "2"], records.Select(r => r.Fields[0]));
        Assert.Equal([1, 2, 3], records.Select(r => r.Row));
        Assert.Equal([1, 3, 5], records.Select(r => r.Line));
    }

    [Fact]
    public void QuoteInsideAnUnquotedFieldIsLiteral()
    {
        Assert.Equal(["5\" screen", "b"], Assert.Single(Read("5\" screen,b\n")).Fields);
    }

    [Fact]
    public void TextAfterAClosingQuoteIsAnErrorAndTheNextRecordStillReads()
    {
        var records = Read("\"abc\"def,x\nnext,row\n");

        Assert.Equal(2, records.Count);
        Assert.Contains("after a closing quote", records[0].Error, StringComparison.Ordinal);
        Assert.Null(records[1].Error);
        Assert.Equal(["next", "row"], records[1].Fields);
    }

    [Fact]
    public void UnterminatedQuoteIsAnErrorNamingWhereItOpened()
    {
        var records = Read("a,b\n1,\"never closed\n2,3\n");

        Assert.Equal(2, records.Count);
        Assert.Contains("opened on line 2 never closes", records[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInputHasNoRecords()
    {
        Assert.Empty(Read(""));
    }

    [Fact]
    public void TableMapsFieldsToHeaderNamesAndStripsAByteOrderMark()
    {
        var table = CsvTable.Open(new StringReader("\uFEFFid,name\n1,\"Hart, Hampshire\"\n"));

        var row = Assert.Single(table.Rows());
        Assert.Equal("Hart, Hampshire", row.Get("name"));
        Assert.Equal("1", row.Get("id"));
    }

    [Fact]
    public void TableRejectsADuplicatedHeaderName()
    {
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Open(new StringReader("id,id\n")));

        Assert.Contains("'id' twice", error.Message, StringComparison.Ordinal);
    }
}
