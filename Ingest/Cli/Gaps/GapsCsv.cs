using System.Globalization;
using CsvHelper;
using Recommend.Contracts.EvidenceGaps;

namespace Recommend.Ingest.Cli.Gaps;

/// <summary>
/// gaps.csv: one row per service area and cell, with the area's headline beside each row so a
/// spreadsheet's pivot or filter needs no join; lists inside a cell are separated by ';'.
/// </summary>
public static class GapsCsv
{
    public const string FileName = "gaps.csv";

    public static void Write(EvidenceGapReport report, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] header =
        [
            "area", "run_by", "cell", "nation", "tier", "rural_urban", "deprivation_band", "councils", "residents",
            "similar_practices", "nation_only_practices", "gap", "adoptions", "similar_practice_ids", "council_codes",
            "area_residents", "area_share_without_similar_evidence",
        ];
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var area in report.Areas)
        {
            foreach (var cell in area.Cells)
            {
                csv.WriteField(area.Area);
                csv.WriteField(area.RunBy);
                csv.WriteField(cell.Key);
                csv.WriteField(cell.Nation);
                csv.WriteField(cell.Tier);
                csv.WriteField(cell.RuralUrban);
                csv.WriteField(cell.DeprivationBand);
                csv.WriteField(cell.CouncilCodes.Count);
                csv.WriteField(cell.Residents);
                csv.WriteField(cell.SimilarPracticeIds.Count);
                csv.WriteField(cell.NationOnlyPractices);
                csv.WriteField(cell.SimilarPracticeIds.Count == 0 ? "yes" : "no");
                csv.WriteField(cell.Adoptions.Count);
                csv.WriteField(string.Join(';', cell.SimilarPracticeIds));
                csv.WriteField(string.Join(';', cell.CouncilCodes));
                csv.WriteField(area.Residents);
                csv.WriteField(area.ShareWithoutSimilarEvidence.ToString("0.0000", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }
    }
}
