using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Practices;
using Recommend.Gateway.Browse;
using Recommend.Gateway.Unavailable;
using Recommend.ServiceDefaults.Councils;

namespace Recommend.Gateway.EvidenceGaps;

/// <summary>
/// The evidence-gap map for researchers and funders: per service area, the kinds of place people live
/// in and the level 3+ practices with evidence from each. Drawn from the gateway's own copies of the
/// councils and the catalogue (the same as the councils and browse endpoints) by the map the CLI's
/// <c>gaps</c> also uses, so both give the same figures.
/// </summary>
public static class EvidenceGapsApi
{
    public const string Path = "/api/v1/evidence-gaps";

    public static IServiceCollection AddEvidenceGaps(this IServiceCollection services) =>
        services.AddSingleton<KnownAdoptions>().AddEvidenceGapsCompression();

    public static IEndpointRouteBuilder MapEvidenceGapsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Path).WithTags("Evidence gaps")
            .MapGet("/", GetEvidenceGapsAsync)
            .WithName("GetEvidenceGaps")
            .WithSummary("Where evidence from places like them is missing, per service area")
            .WithDescription(
                "Per service area ('area', one of the 14; every area when omitted): cells of nation x governance tier x rural-urban class x deprivation band, " +
                "each with its councils, residents (counted once, at the tier that runs the area: see run_by), the practices at evidence level 3 or above " +
                "whose evidence comes from a place like it, and its councils' known adoptions; and per area the share of residents with no such evidence. " +
                "The answer's 'method' says how a practice is matched. Councils: mySociety, CC-BY-4.0.")
            .Produces<EvidenceGapReport>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> GetEvidenceGapsAsync(
        [FromQuery] string? area, CouncilRegistry councils, CatalogueReader catalogue, KnownAdoptions adoptions, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> areas = ServiceArea.All;
        if (area is not null)
        {
            var normalised = ServiceArea.Normalise(area);
            if (!ServiceArea.IsKnown(normalised))
            {
                var shown = area.Length <= 40 ? area : area[..40] + "...";
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["area"] = [$"Unknown service area '{shown}'; one of: {string.Join(", ", ServiceArea.All)}. Leave it out for every area."],
                });
            }

            areas = [normalised];
        }

        if (!councils.IsLoaded)
        {
            return ServiceUnavailable.Problem(
                "Councils not loaded yet",
                "The gateway has not read the council list from Redis yet; try again in a few seconds.");
        }

        if (await catalogue.GetAsync(cancellationToken) is not { } snapshot)
        {
            return ServiceUnavailable.Problem("Catalogue unavailable", "The catalogue store did not answer; try again shortly.");
        }

        var practices = snapshot.EvidencePractices.ToList();
        var (known, notes) = await adoptions.ReadAsync(practices);
        var report = EvidenceGapMap.Build(councils.Current.Directory.All, practices, known, areas, notes);
        return TypedResults.Json(report, EvidenceGapJsonContext.Default.EvidenceGapReport);
    }
}
