using Observability.Api.OpenApi;
using Observability.Api.Orders;
using Observability.Api.Schemas;
using Observability.ServiceDefaults;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdersApi();
builder.AddApiDocument();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestTimeouts();

app.MapOrdersApi();
app.MapSchemasApi();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapDefaultEndpoints();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
