using Recommend.Contracts.Councils;
using Recommend.Ingest.Cli;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Import;

/// <summary>The researchers' import commands: exit codes, messages and the files they write.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private const string IpsHeader = "id,name,description,url,primary_sector,type";

    private static readonly string Description = string.Concat(Enumerable.Repeat("A council ran a pilot and wrote down what happened. ", 6));

    private readonly TempFolder _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> Councils(params string[] args) => ImportCouncilsCommand.RunAsync(args, _output, _error, CancellationToken.None);

    private Task<int> Practices(params string[] args) => ImportPracticesCommand.RunAsync(args, _output, _error, CancellationToken.None);

    [Fact]
    public async Task CouncilsImportExitsZeroAndWritesAnAttributedFileWhenEveryRowLoads()
    {
        var input = _temp.File("councils.csv", MySocietyCsv.Build([MySocietyCsv.Blackpool()]));
        var output = _temp.File("out/councils.json");

        var exit = await Councils("--file", input, "--out", output);

        Assert.Equal(0, exit);
        Assert.Contains("loaded   1", _output.ToString(), StringComparison.Ordinal);
        var written = CouncilCatalogue.LoadFile(output);
        Assert.Equal("BPL", Assert.Single(written.Councils).Code);
        Assert.Contains("CC-BY-4.0", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CouncilsImportExitsOneListingRejectsButStillWritesTheGoodRows()
    {
        var input = _temp.File("councils.csv", MySocietyCsv.Build(
        [
            MySocietyCsv.Blackpool(),
            MySocietyCsv.Row(("local-authority-code", "KWL"), ("gss-code", "E08000011"), ("local-authority-type", "XYZ")),
        ]));
        var output = _temp.File("councils.json");

        var exit = await Councils("--file", input, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("row 3 'KWL': local-authority-type: unknown type 'XYZ'", _output.ToString(), StringComparison.Ordinal);
        Assert.Single(CouncilCatalogue.LoadFile(output).Councils);
    }

    [Fact]
    public async Task CouncilsImportWithMissingColumnsExitsOneWithAClearMessage()
    {
        var input = _temp.File("other.csv", "code,name\nBPL,Blackpool\n");

        var exit = await Councils("--file", input);

        Assert.Equal(1, exit);
        Assert.Contains("missing column(s) local-authority-code", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CouncilsImportSelectsCodesForTheExamplesFile()
    {
        var input = _temp.File("councils.csv", MySocietyCsv.Build(
        [
            MySocietyCsv.Blackpool(),
            MySocietyCsv.Row(("local-authority-code", "KWL"), ("gss-code", "E08000011"), ("local-authority-type", "MD"), ("nice-name", "Knowsley")),
        ]));
        var output = _temp.File("examples.json");

        var exit = await Councils("--file", input, "--codes", "kwl", "--out", output);

        Assert.Equal(0, exit);
        Assert.Equal("Knowsley", Assert.Single(CouncilCatalogue.LoadFile(output).Councils).Name);
    }

    [Fact]
    public async Task MissingInputFileIsAUsageErrorWithExitTwo()
    {
        var exit = await Councils("--file", _temp.File("absent.csv"));

        Assert.Equal(2, exit);
        Assert.Contains("absent.csv' does not exist", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltOptionIsAUsageErrorWithExitTwo()
    {
        var input = _temp.File("councils.csv", MySocietyCsv.Build([MySocietyCsv.Blackpool()]));

        var exit = await Councils("--file", input, "--otu", "x.json");

        Assert.Equal(2, exit);
        Assert.Contains("import-councils: Unrecognized command or argument '--otu'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: import-councils --file FILE [options]", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public async Task PracticesImportCountsEveryRowAndExitsOneWhenSomeAreRejected()
    {
        var input = _temp.File("cases.csv",
            $"{IpsHeader}\n1,Good case,\"{Description}\",https://example.org/1,Health,Prediction and planning\n" +
            $"2,No url case,\"{Description}\",,Health,Prediction and planning\n" +
            "3,Short case,Too short.,https://example.org/3,Health,Prediction and planning\n");
        var output = _temp.File("practices.json");

        var exit = await Practices("--file", input, "--format", "csv", "--source-name", "Test Catalogue", "--id-prefix", "tc",
            "--map", "id=id,title=name,description=description,url=url,sector=primary_sector,outcome=type", "--out", output);

        Assert.Equal(1, exit);
        var text = _output.ToString();
        Assert.Contains("read 3 rows", text, StringComparison.Ordinal);
        Assert.Contains("imported 1", text, StringComparison.Ordinal);
        Assert.Contains("rejected 2", text, StringComparison.Ordinal);
        Assert.Contains("row 3 'tc-2': source_url: no url in column 'url'", text, StringComparison.Ordinal);
        Assert.Contains("row 4 'tc-3': description: must be 200-3000 characters", text, StringComparison.Ordinal);
        Assert.Single(Recommend.Contracts.Practices.SeedCatalogue.LoadFolder(Path.GetDirectoryName(output)!).Practices);
    }

    [Fact]
    public async Task PracticesImportReadsAMappingFile()
    {
        var input = _temp.File("cases.jsonl", $$"""{"id": 1, "name": "Good case", "description": "{{Description}}", "url": "https://example.org/1", "primary_sector": "Education", "type": "Learning"}""" + "\n");
        var mapping = _temp.File("map.json", """
            {
              "source_name": "Test Catalogue",
              "id_prefix": "tc",
              "fields": { "id": "id", "title": "name", "description": "description", "url": "url", "sector": "primary_sector", "outcome": "type" }
            }
            """);

        var exit = await Practices("--file", input, "--format", "jsonl", "--map", mapping);

        Assert.Equal(0, exit);
        Assert.Contains("imported 1", _output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml", "--format must be csv or jsonl (was 'xml')")]
    [InlineData("--map", "titel=name", "the mapping cannot be used")]
    [InlineData("--map", "no-pairs-here", "--map: ")]
    [InlineData("--map", "missing-mapping.json", "--map: mapping file 'missing-mapping.json' does not exist")]
    public async Task BadPracticesArgumentsAreUsageErrorsWithExitTwo(string option, string value, string message)
    {
        var input = _temp.File("cases.csv", $"{IpsHeader}\n");
        string[] args = ["--file", input, "--format", "csv", "--source-name", "Test Catalogue", "--id-prefix", "tc",
            "--map", "title=name,description=description,url=url,sector=primary_sector,outcome=type"];
        var index = Array.IndexOf(args, option);
        args[index + 1] = value;

        var exit = await Practices(args);

        Assert.Equal(2, exit);
        Assert.Contains($"import-practices: {message}", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PracticesImportWithAMappedColumnMissingFromTheFileExitsOne()
    {
        var input = _temp.File("cases.csv", "id,name\n1,x\n");

        var exit = await Practices("--file", input, "--format", "csv", "--source-name", "Test Catalogue", "--id-prefix", "tc",
            "--map", "title=name,description=description,url=url,sector=primary_sector,outcome=type");

        Assert.Equal(1, exit);
        Assert.Contains("not in the header", _error.ToString(), StringComparison.Ordinal);
    }
}
