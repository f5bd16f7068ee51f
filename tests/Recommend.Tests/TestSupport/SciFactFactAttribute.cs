namespace Recommend.Tests.TestSupport;

/// <summary>A fact that needs the SciFact data in ../shared/data; skipped with a reason on a clone without it.</summary>
public sealed class SciFactFactAttribute : FactAttribute
{
    public SciFactFactAttribute()
    {
        if (!RepositoryPaths.HasSciFact)
        {
            Skip = "SciFact reference data not found at ../shared/data/scifact beside the repository; this test needs it.";
        }
    }
}
