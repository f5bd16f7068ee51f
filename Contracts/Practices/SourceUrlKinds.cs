namespace Recommend.Contracts.Practices;

/// <summary>Whether a practice's source link goes to the page behind its facts or only to the organisation's site.</summary>
public static class SourceUrlKinds
{
    public const string Specific = "specific";
    public const string General = "general";

    public static bool IsKnown(string? kind) => kind is Specific or General;
}
