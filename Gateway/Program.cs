using Recommend.Gateway;
using Recommend.Gateway.ApiReference;
using Recommend.Gateway.Browse;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Councils;
using Recommend.Gateway.Councils.Adoptions;
using Recommend.Gateway.EvidenceGaps;
using Recommend.Gateway.Feedback;
using Recommend.Gateway.Practices;
using Recommend.Gateway.Recommendations;
using Recommend.Gateway.Security;
using Recommend.Gateway.Submissions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();
builder.AddGatewaySecurity();
builder.AddSubmissionServices();
builder.AddFeedbackServices();
builder.Services.AddCouncilReportServices();
builder.Services.AddBrowseCatalogue();
builder.Services.AddEvidenceGaps();
builder.Services.AddApiReference();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
// Every bodiless error (404 no such route, 405 wrong method, 415...) answers as ProblemDetails whatever
// the client's Accept header says; the default writer falls back to plain text for "Accept: text/html".
app.UseStatusCodePages(context => TypedResults.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
app.UseGatewayHeaders();
// An exact repeat of a recommendation request whose answer is cached is answered here, before routing,
// the limits (it takes its own rate-limit permit) and the endpoint; anything else passes on unchanged.
app.UseMiddleware<RepeatedAnswerFastPath>();
app.UseRouting();
app.UseGatewayLimits();
app.UseEvidenceGapsCompression();
app.UseDefaultFiles();
app.UseStaticFiles();
// The one document by its exact path: any other name is an ordinary 404 ProblemDetails, not the
// OpenAPI middleware's plain-text "No OpenAPI document with the name ...".
app.MapOpenApi("/openapi/v1.json");
app.MapApiReference();
app.MapDefaultEndpoints();
app.MapRecommendationsApi();
app.MapPracticesApi();
app.MapBrowseApi();
app.MapCouncilsApi();
app.MapEvidenceGapsApi();
app.MapSubmissionsApi();
app.MapFeedbackApi();
app.MapAdoptionsApi();
await app.RunAsync();
