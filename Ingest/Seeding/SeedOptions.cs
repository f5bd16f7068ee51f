namespace Recommend.Ingest.Seeding;

/// <summary>Configuration section "Seed".</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Folder of catalogue JSON files; defaults to the copy shipped next to the binary.</summary>
    public string? Folder { get; set; }
}
