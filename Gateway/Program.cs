using Recommend.Gateway;
using Recommend.Gateway.Councils;
using Recommend.Gateway.Practices;
using Recommend.Gateway.Recommendations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapRecommendationsApi();
app.MapPracticesApi();
app.MapCouncilsApi();
await app.RunAsync();

