using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Councils.Api;
using Recommend.Contracts.Storage;
using Recommend.Gateway.Councils.Keys;
using Recommend.Gateway.Security;
using Recommend.Gateway.Submissions;
using Recommend.ServiceDefaults.Councils;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.ServiceDefaults.Councils.Keys;
using Recommend.ServiceDefaults.Http;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Gateway.Councils.Adoptions;

/// <summary>
/// Councils say what happened after they took up a practice (considering, piloted, adopted, scaled,
/// stopped; what they measured before and after; what they adapted), behind their own key; anyone
/// can read the reports on a practice. A council's new report on a practice replaces its old one.
/// This is how places learn from each other, and it is kept apart from the formal evidence level.
/// </summary>
public static class AdoptionsApi
{
    private const long MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAdoptionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/councils/{code}/adoptions", ReportAsync)
            .WithTags("Councils")
            .WithName("ReportAdoption")
            .WithSummary($"Report what your council did with a practice and what came of it ({CouncilKeyStore.HeaderName} required)")
            .WithDescription("'status' is considering, piloted, adopted, scaled or stopped; 'started' is '2024', '2024-09' or '2024-09-01'; 'outcome' (optional) is {measure, before, after, period, better: 'higher'|'lower'}; 'evaluation_url', 'adaptations' and 'notes' are optional. Answers 201 for a first report, 200 when it replaces the council's earlier report on the practice.")
            .Accepts<AdoptionReportRequest>("application/json")
            .Produces<AdoptionReport>(StatusCodes.Status201Created)
            .Produces<AdoptionReport>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        app.MapGet("/api/v1/practices/{id}/adoptions", ListAsync)
            .WithTags("Practices")
            .WithName("GetPracticeAdoptions")
            .WithSummary("What councils reported about a practice: status, outcome, adaptations; newest first")
            .WithDescription("Each report was made with the council's own key. 'summary' counts the councils that tried it, those with a measured improvement, and those that stopped.")
            .Produces<PracticeAdoptionsResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> ReportAsync(
        string code, HttpRequest httpRequest, IConnectionMultiplexer redis, CouncilKeyStore keys, AdoptionReportStore reports, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (CouncilLookupRules.CodeError(code) is { } codeError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [codeError] });
        }

        var claimed = code.ToUpperInvariant();
        try
        {
            var key = await keys.CheckAsync(httpRequest.Headers[CouncilKeyStore.HeaderName].ToString()).Within();
            if (key.Verdict == CouncilKeyVerdict.Absent)
            {
                return CouncilKeyProblems.Required("Only a council can report on what it did.");
            }

            if (CouncilKeyProblems.NotUsable(key) is { } unusable)
            {
                return unusable;
            }

            if (key.Council != claimed)
            {
                return CouncilKeyProblems.OtherCouncil(key.Council!, claimed);
            }

            var body = await JsonBody.ReadAsync(httpRequest, AdoptionJsonContext.Default.AdoptionReportRequest, cancellationToken);
            if (body.TooLarge)
            {
                return RequestBodyLimit.TooLarge(httpRequest.HttpContext);
            }

            if (body.Errors is not null)
            {
                return TypedResults.ValidationProblem(body.Errors);
            }

            var request = body.Value!;
            var now = clock.GetUtcNow();
            var errors = AdoptionReportValidator.Validate(request, now);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }

            if (!await redis.GetDatabase().SetContainsAsync(StoreKeys.PracticeIds, request.PracticeId).Within())
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["practice_id"] = [$"No practice '{request.PracticeId}' in the catalogue."],
                });
            }

            var report = new AdoptionReport
            {
                PracticeId = request.PracticeId!,
                Council = key.Council!,
                Status = request.Status!,
                Started = AdoptionReportValidator.Started(request),
                Outcome = request.Outcome,
                EvaluationUrl = request.EvaluationUrl,
                Adaptations = request.Adaptations,
                Notes = request.Notes,
                ReportedAt = now,
                Source = AdoptionReport.FromReport,
            };
            var created = await reports.SaveAsync(report, key.KeyId!).Within();
            var location = $"/api/v1/practices/{report.PracticeId}/adoptions";
            return created ? TypedResults.Created(location, report) : TypedResults.Ok(report);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return StoreUnavailable.Problem();
        }
    }

    public static async Task<IResult> ListAsync(string id, IConnectionMultiplexer redis, AdoptionReportStore reports, CouncilRegistry councils)
    {
        if (!Recommend.Contracts.Feedback.FeedbackValidator.IsPracticeId(id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = ["A practice id is a lowercase slug of letters, digits and hyphens, e.g. 'housing-first'."],
            });
        }

        try
        {
            if (!await redis.GetDatabase().SetContainsAsync(StoreKeys.PracticeIds, id).Within())
            {
                return TypedResults.Problem(title: "No such practice", detail: $"No practice '{id}' in the catalogue.", statusCode: StatusCodes.Status404NotFound);
            }

            var listed = await reports.ListAsync(id).Within();
            var directory = councils.IsLoaded ? councils.Current.Directory : null;
            var named = listed.Select(r => r with { CouncilName = directory?.Find(r.Council)?.Name }).ToList();
            return TypedResults.Ok(new PracticeAdoptionsResponse { PracticeId = id, Summary = ReportedAdoptionSummary.Of(named), Reports = named });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return TypedResults.Problem(title: "Store unavailable", detail: "Redis did not answer; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
