namespace Recommend.Tests.TestData;

/// <summary>The reference files the tests read, named once.</summary>
public static class SharedFiles
{
    public const string UkLocalAuthorities = "councils/uk_local_authorities.csv";
    public const string IpsCases = "practices/ips_cases.csv";

    public static string PathOf(string relativePath) => RepoPaths.InSharedData(relativePath.Split('/'));
}
