using System.Globalization;
using Observability.Orders;
using Observability.Orders.Commands;
using Observability.Producer.Orders;

namespace Observability.Producer;

public static class ProducerServiceCollectionExtensions
{
    /// <summary>
    /// The synthetic producer as a hosted service, configured from the <c>Producer</c> section. Needs the kit's NATS
    /// services (<c>AddServiceDefaults()</c> or <c>AddKitNats()</c>). Unknown keys and out-of-range values fail at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddProducer(this IHostApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration.GetSection(ProducerOptions.Section));
        builder.Services.AddSingleton(options);
        builder.Services.AddOrderWriteSide();
        builder.Services.AddSingleton(sp => new OrderStepExecutor(
            sp.GetRequiredService<OrderCommandHandler>(), sp.GetRequiredService<ILogger<OrderStepExecutor>>(), options.RunId, options.PublishRetryFor));
        builder.Services.AddSingleton<ProducerWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProducerWorker>());
        return builder;
    }

    internal static ProducerOptions ReadOptions(IConfiguration section)
    {
        // Duration accepts plain seconds ("30") and unit suffixes ("90s", "5m", "2h") as well as hh:mm:ss; the binder
        // alone would read "30" as thirty days.
        var overlay = new ConfigurationBuilder().AddConfiguration(section);
        if (section["Duration"] is { Length: > 0 } raw)
        {
            overlay.AddInMemoryCollection([new("Duration", ParseDuration(raw).ToString("c", CultureInfo.InvariantCulture))]);
        }

        var options = overlay.Build().Get<ProducerOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? ProducerOptions.Default;
        // A fresh seed per start unless one is given: two runs must not collide on order ids (see README).
        options = options with { Seed = options.Seed ?? Random.Shared.Next(1, 1_000_000) };
        options.Validate();
        return options;
    }

    internal static TimeSpan ParseDuration(string raw)
    {
        var text = raw.Trim();
        static TimeSpan Seconds(string s, double unit) =>
            TimeSpan.FromSeconds(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) * unit);

        return text switch
        {
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => Seconds(text[..^2], 0.001),
            _ when text.EndsWith('s') => Seconds(text[..^1], 1),
            _ when text.EndsWith('m') => Seconds(text[..^1], 60),
            _ when text.EndsWith('h') => Seconds(text[..^1], 3600),
            _ => TimeSpan.Parse(text, CultureInfo.InvariantCulture),
        };
    }
}
