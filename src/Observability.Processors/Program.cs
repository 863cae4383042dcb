using Observability.Processors;
using Observability.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProcessors();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
