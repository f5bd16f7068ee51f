namespace Recommend.Contracts.Councils;

/// <summary>The four UK nations, written as people write them (and as mySociety's data does).</summary>
public static class Nation
{
    public const string England = "England";
    public const string Scotland = "Scotland";
    public const string Wales = "Wales";
    public const string NorthernIreland = "Northern Ireland";

    public static readonly IReadOnlyList<string> All = [England, Scotland, Wales, NorthernIreland];

    /// <summary>The letter a GSS code starts with in each nation (E06000001, S12000034, W06000023, N09000003).</summary>
    public static char GssPrefix(string nation) => nation switch
    {
        England => 'E',
        Scotland => 'S',
        Wales => 'W',
        NorthernIreland => 'N',
        _ => '?',
    };
}
