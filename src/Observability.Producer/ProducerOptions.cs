namespace Observability.Producer;

/// <summary>
/// What the synthetic producer generates and how fast. Bound from the <c>Producer</c> configuration section
/// (environment: <c>Producer__OrdersPerSecond</c>, <c>Producer__Seed</c>, ...). Every default is documented here and in
/// the producer's README.
/// </summary>
public sealed record ProducerOptions
{
    public const string Section = "Producer";

    public static ProducerOptions Default { get; } = new();

    /// <summary>New orders placed per second; fractional rates are fine (0.2 = one every 5 s), 0 places none. Default 5.</summary>
    public double OrdersPerSecond { get; init; } = 5;

    /// <summary>Browsing clicks per second (page views, product views, searches, add-to-cart), 0 sends none. Default 50.</summary>
    public double ClicksPerSecond { get; init; } = 50;

    /// <summary>
    /// The seed of the synthetic world and of every choice made. The same seed gives the same customers, catalogue,
    /// orders, lifecycles and clicks, with the same ids. Null (the default) picks a fresh seed per start and logs it, so
    /// two runs never collide on order ids; give one to reproduce a run.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>How long to produce (seconds, or <c>hh:mm:ss</c>); zero means until stopped. Default 0.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.Zero;

    /// <summary>Run id stamped into every event's <c>kit-run-id</c> header and publish span. Default none.</summary>
    public string? RunId { get; init; }

    /// <summary>Stop the whole process once <see cref="Duration"/> has passed and every started lifecycle is done. Default false.</summary>
    public bool StopWhenDone { get; init; }

    /// <summary>Shortest pause between two steps of an order's lifecycle, before <see cref="TimeScale"/>. Default 0.5 s.</summary>
    public TimeSpan MinStepDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Longest pause between two steps of an order's lifecycle, before <see cref="TimeScale"/>. Default 5 s.</summary>
    public TimeSpan MaxStepDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Multiplies every lifecycle delay: 0.1 runs lifecycles ten times faster (rates are not affected). Default 1.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>How long a lifecycle step keeps retrying, with the same event id, while the broker is away (a restart). Default 30 s.</summary>
    public TimeSpan PublishRetryFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of placed orders whose payment is authorized at the first attempt; the rest are declined. Default 0.85.</summary>
    public double AuthorizeRatio { get; init; } = 0.85;

    /// <summary>Share of declined orders that retry and are then authorized; the others are cancelled or abandoned. Default 0.4.</summary>
    public double RetryAfterDeclineRatio { get; init; } = 0.4;

    /// <summary>Share of authorized orders that ship; the rest are cancelled. Default 0.9.</summary>
    public double ShipRatio { get; init; } = 0.9;

    /// <summary>Relative weight of PageViewed among browsing clicks. Default 0.45.</summary>
    public double PageViewWeight { get; init; } = 0.45;

    /// <summary>Relative weight of ProductViewed among browsing clicks. Default 0.33.</summary>
    public double ProductViewWeight { get; init; } = 0.33;

    /// <summary>Relative weight of Searched among browsing clicks. Default 0.14.</summary>
    public double SearchWeight { get; init; } = 0.14;

    /// <summary>Relative weight of AddedToCart among browsing clicks. Default 0.08.</summary>
    public double AddToCartWeight { get; init; } = 0.08;

    /// <summary>Customers in the synthetic world. Default 1000.</summary>
    public int Customers { get; init; } = 1000;

    /// <summary>Products (skus) in the catalogue. Default 200.</summary>
    public int Products { get; init; } = 200;

    /// <summary>Browsing sessions open at the same time; clicks are spread over them. Default 50.</summary>
    public int ConcurrentSessions { get; init; } = 50;

    /// <summary>Order currency. Default EUR.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>
    /// Shortest pause between two scheduler rounds. High rates are published in batches of what fell due meanwhile
    /// (pipelined), so this bounds the wake-ups, not the rate. Default 20 ms.
    /// </summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Order commands executed at the same time within one round (different orders only). Default 64.</summary>
    public int MaxConcurrentCommands { get; init; } = 64;

    /// <summary>Throws when a value is out of range, so a typo in an environment variable fails at start-up, loudly.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException($"Producer options: {message}");
            }
        }

        Check(OrdersPerSecond >= 0 && double.IsFinite(OrdersPerSecond), "OrdersPerSecond must be 0 or more.");
        Check(ClicksPerSecond >= 0 && double.IsFinite(ClicksPerSecond), "ClicksPerSecond must be 0 or more.");
        Check(Seed is null or >= 0, "Seed must be 0 or more.");
        Check(Duration >= TimeSpan.Zero, "Duration must be 0 (forever) or more.");
        Check(MinStepDelay >= TimeSpan.Zero && MaxStepDelay >= MinStepDelay, "need 0 <= MinStepDelay <= MaxStepDelay.");
        Check(TimeScale >= 0 && double.IsFinite(TimeScale), "TimeScale must be 0 or more.");
        Check(AuthorizeRatio is >= 0 and <= 1, "AuthorizeRatio must be within 0..1.");
        Check(RetryAfterDeclineRatio is >= 0 and <= 1, "RetryAfterDeclineRatio must be within 0..1.");
        Check(ShipRatio is >= 0 and <= 1, "ShipRatio must be within 0..1.");
        Check(PageViewWeight >= 0 && ProductViewWeight >= 0 && SearchWeight >= 0 && AddToCartWeight >= 0
            && PageViewWeight + ProductViewWeight + SearchWeight + AddToCartWeight > 0, "click weights must be 0 or more with a positive sum.");
        Check(Customers >= 1 && Products >= 1 && ConcurrentSessions >= 1, "Customers, Products and ConcurrentSessions must be 1 or more.");
        Check(!string.IsNullOrWhiteSpace(Currency), "Currency is required.");
        Check(Tick > TimeSpan.Zero, "Tick must be positive.");
        Check(MaxConcurrentCommands >= 1, "MaxConcurrentCommands must be 1 or more.");
        Check(RunId is null || RunId.Length is > 0 and <= 100, "RunId must be 1 to 100 characters.");
    }
}
