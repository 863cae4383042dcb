using Observability.Producer;
using Observability.ServiceDefaults;

// The synthetic producer: seeded, rate-controlled orders (through the write side's command handler) and clickstream.
// Serves /metrics, /health and /alive like every service of the kit.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProducer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
