var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
