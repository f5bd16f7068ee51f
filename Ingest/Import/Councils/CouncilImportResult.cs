using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Import.Councils;

/// <summary>What an import produced: every row read is either in <see cref="Councils"/> or in <see cref="Rejects"/>.</summary>
public sealed record CouncilImportResult(int RowsRead, IReadOnlyList<CouncilProfile> Councils, IReadOnlyList<RowReject> Rejects);
