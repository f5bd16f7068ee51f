namespace Recommend.TestSupport.Data;

/// <summary>A scratch folder for a test's input and output files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("recommend-tests-");

    public string File(string name, string? content = null)
    {
        var path = Path.Combine(_folder.FullName, name);
        if (content is not null)
        {
            System.IO.File.WriteAllText(path, content);
        }

        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
