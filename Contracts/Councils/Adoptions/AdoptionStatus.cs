namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>Where a council stands with a practice it reports on, from first look to stopping.</summary>
public static class AdoptionStatus
{
    public const string Considering = "considering";
    public const string Piloted = "piloted";
    public const string Adopted = "adopted";
    public const string Scaled = "scaled";

    /// <summary>Tried and stopped: as informative to other councils as a success, so it is shown, never hidden.</summary>
    public const string Stopped = "stopped";

    public static readonly IReadOnlyList<string> All = [Considering, Piloted, Adopted, Scaled, Stopped];

    /// <summary>The council runs it, or ran it for a while: it counts as a place that tried the practice.</summary>
    public static bool Tried(string status) => status is Piloted or Adopted or Scaled or Stopped;

    /// <summary>The council runs it now: an adopter for "adopted by councils like yours".</summary>
    public static bool Running(string status) => status is Piloted or Adopted or Scaled;
}
