using Observability.BrokerExporter;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddBrokerExporter();

var app = builder.Build();
app.MapBrokerExporter();
app.Run();
