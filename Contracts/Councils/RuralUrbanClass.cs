namespace Recommend.Contracts.Councils;

/// <summary>
/// The rural-urban class of a council, from mySociety's ruc-cluster-label (a UK-wide clustering of
/// the nations' own rural-urban classifications). Same strings as a practice's evidence_context.
/// </summary>
public static class RuralUrbanClass
{
    public const string Urban = "urban";
    public const string UrbanWithRural = "urban_with_rural";
    public const string Rural = "rural";
    public const string SparseRural = "sparse_rural";

    public static readonly IReadOnlyList<string> All = [Urban, UrbanWithRural, Rural, SparseRural];

    /// <summary>Maps the label as mySociety publishes it; null for anything else.</summary>
    public static string? FromClusterLabel(string label) => label.Trim() switch
    {
        "Urban" => Urban,
        "Urban with rural areas" => UrbanWithRural,
        "Rural" => Rural,
        "Sparse and rural" => SparseRural,
        _ => null,
    };
}
