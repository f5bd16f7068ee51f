using Recommend.Recommender;
using Recommend.Recommender.Practices;
using Recommend.Recommender.Recommendations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRecommenderServices();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapRecommendationsApi();
app.MapPracticesApi();
await app.RunAsync();

