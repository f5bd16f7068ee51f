namespace Recommend.Contracts.Practices;

/// <summary>One reason a record was rejected: which field, and why, in words a user can act on.</summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
