using Xunit.Sdk;

namespace Recommend.TestSupport.Data;

/// <summary>
/// A fact that needs files from ../shared/data (see <see cref="SharedFiles"/>). On a developer's
/// clone without the shared folder it is skipped, naming the missing file and where it was looked
/// for. Where the data must be there (CI: .ci/run sets RECOMMEND_REQUIRE_SHARED_DATA=1) it fails
/// with the same words instead, so a missing folder can never pass CI as a row of skips.
/// </summary>
[XunitTestCaseDiscoverer("Recommend.TestSupport.Data.SharedDataFactDiscoverer", "Recommend.TestSupport")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public const string RequiredVariable = "RECOMMEND_REQUIRE_SHARED_DATA";

    public SharedDataFactAttribute(params string[] relativePaths)
    {
        (Skip, MissingDataError) = Decide(Missing(RepoPaths.SharedData, relativePaths), IsRequired);
    }

    /// <summary>Set when required data is missing: <see cref="SharedDataFactDiscoverer"/> turns the test into a failure with it.</summary>
    public string? MissingDataError { get; }

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>What is missing under <paramref name="sharedData"/>, in words; null when every file is there.</summary>
    public static string? Missing(string sharedData, IEnumerable<string> relativePaths)
    {
        var missing = relativePaths
            .Select(relative => (relative, path: Path.Combine([sharedData, .. relative.Split('/')])))
            .Where(file => !File.Exists(file.path))
            .Select(file => $"{file.relative} not found at {file.path}")
            .ToList();
        return missing.Count == 0 ? null : $"Reference data {string.Join(", ", missing)} (../shared/data beside the repository)";
    }

    public static (string? Skip, string? Error) Decide(string? missing, bool required) => (missing, required) switch
    {
        (null, _) => (null, null),
        (_, false) => ($"{missing}; skipped.", null),
        (_, true) => (null, $"{missing}; {RequiredVariable}=1 says it must be there (CI), so this test fails instead of skipping."),
    };
}
