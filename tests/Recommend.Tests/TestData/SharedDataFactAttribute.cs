namespace Recommend.Tests.TestData;

/// <summary>
/// A fact that needs a file from ../shared/data: skipped, saying which file and where it was looked
/// for, when a clone has no shared folder beside it, so a fresh checkout still passes.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        var path = RepoPaths.InSharedData(relativePath.Split('/'));
        if (!File.Exists(path))
        {
            Skip = $"Reference data {relativePath} not found at {path} (../shared/data beside the repo); skipped.";
        }
    }
}
