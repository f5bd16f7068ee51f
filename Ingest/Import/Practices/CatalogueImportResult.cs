using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Import.Practices;

/// <summary>
/// What an import produced. Every row read is either a practice or a reject, which
/// <see cref="CatalogueImporter"/> checks before returning; <see cref="UnmappedSecondarySectors"/>
/// counts the secondary labels that added no service area, to show where the synonym table is thin.
/// </summary>
public sealed record CatalogueImportResult(
    int RowsRead,
    IReadOnlyList<Practice> Practices,
    IReadOnlyList<RowReject> Rejects,
    IReadOnlyDictionary<string, int> UnmappedSecondarySectors);
