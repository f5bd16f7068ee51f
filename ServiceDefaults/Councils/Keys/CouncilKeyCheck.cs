namespace Recommend.ServiceDefaults.Councils.Keys;

/// <summary>What a presented council key turned out to be.</summary>
public enum CouncilKeyVerdict
{
    /// <summary>No key was sent: the caller is anonymous.</summary>
    Absent,
    Valid,

    /// <summary>Not a key this app issued (malformed, unknown id, or a wrong secret): indistinguishable on purpose.</summary>
    NotAccepted,
    Revoked,
}

/// <summary>The verdict on a presented key and, when valid, the council it speaks for and its id (for the audit log).</summary>
public sealed record CouncilKeyCheck(CouncilKeyVerdict Verdict, string? Council = null, string? KeyId = null)
{
    public static readonly CouncilKeyCheck Absent = new(CouncilKeyVerdict.Absent);
    public static readonly CouncilKeyCheck NotAccepted = new(CouncilKeyVerdict.NotAccepted);
}
