namespace Observability.LoadSimulator.Simulations;

/// <summary>
/// A validated list of phases for one scenario: the warm-up pass (the same simulations cut to the
/// warm-up duration, as NBomber does) followed by the measured pass.
/// </summary>
internal sealed class LoadPlan
{
    private LoadPlan(LoadModel model, IReadOnlyList<PlannedPhase> phases, TimeSpan warmUp)
    {
        Model = model;
        Phases = phases;
        WarmUp = warmUp;
    }

    public LoadModel Model { get; }

    public IReadOnlyList<PlannedPhase> Phases { get; }

    public TimeSpan WarmUp { get; }

    public static LoadPlan Create(string scenario, IReadOnlyList<LoadSimulation> simulations, TimeSpan warmUp)
    {
        if (simulations.Count == 0)
        {
            throw new InvalidLoadSimulationException($"Scenario '{scenario}' has no load simulations.");
        }

        var open = simulations.Where(s => s.IsOpen).ToList();
        var closed = simulations.Where(s => s.IsClosed).ToList();
        if (open.Count > 0 && closed.Count > 0)
        {
            throw new InvalidLoadSimulationException(
                $"Scenario '{scenario}' mixes open-model simulations ({string.Join(", ", open.Select(s => s.Kind).Distinct())}) " +
                $"with closed-model simulations ({string.Join(", ", closed.Select(s => s.Kind).Distinct())}). " +
                "Use Inject/RampingInject/InjectRandom with Pause, or KeepConstant/RampingConstant/IterationsForConstant with Pause, not both; split it into two scenarios instead.");
        }

        if (open.Count == 0 && closed.Count == 0)
        {
            throw new InvalidLoadSimulationException($"Scenario '{scenario}' has only Pause simulations; add an Inject* or *Constant simulation.");
        }

        for (var i = 0; i < simulations.Count; i++)
        {
            Validate(scenario, i, simulations[i]);
        }

        if (warmUp < TimeSpan.Zero)
        {
            throw new InvalidLoadSimulationException($"Scenario '{scenario}': warm-up duration must not be negative.");
        }

        var phases = new List<PlannedPhase>();
        if (warmUp > TimeSpan.Zero)
        {
            var left = warmUp;
            for (var i = 0; i < simulations.Count && left > TimeSpan.Zero; i++)
            {
                var simulation = simulations[i];
                if (simulation.Kind == LoadSimulationKind.IterationsForConstant)
                {
                    // A budget of iterations has no duration; warm up with the same copies for what is left.
                    phases.Add(new PlannedPhase(i, Simulation.KeepConstant(simulation.Copies, left), true, left));
                    break;
                }

                var duration = simulation.During < left ? simulation.During : left;
                phases.Add(new PlannedPhase(i, simulation, true, duration));
                left -= duration;
            }
        }

        for (var i = 0; i < simulations.Count; i++)
        {
            phases.Add(new PlannedPhase(i, simulations[i], false, simulations[i].During));
        }

        return new LoadPlan(open.Count > 0 ? LoadModel.Open : LoadModel.Closed, phases, warmUp);
    }

    /// <summary>Turns the phases into rate segments. Ramps start from the rate the previous phase ended at.</summary>
    public OpenSchedule BuildOpenSchedule(int seed)
    {
        var random = new Random(seed);
        var segments = new List<RateSegment>();
        var start = TimeSpan.Zero;
        var lastRate = 0.0;
        var warmUpPass = true;
        foreach (var phase in Phases)
        {
            if (warmUpPass && !phase.IsWarmUp)
            {
                // The measured pass starts from scratch, like a fresh run.
                lastRate = 0;
                warmUpPass = false;
            }

            var simulation = phase.Simulation;
            switch (simulation.Kind)
            {
                case LoadSimulationKind.Inject:
                    segments.Add(new RateSegment(start, phase.Duration, simulation.RatePerSecond, simulation.RatePerSecond, phase.IsWarmUp));
                    lastRate = simulation.RatePerSecond;
                    break;
                case LoadSimulationKind.RampingInject:
                    {
                        var target = simulation.RatePerSecond;
                        // A warm-up cut of a ramp ends where the ramp would be at that moment.
                        var end = lastRate + ((target - lastRate) * Fraction(phase.Duration, simulation.During));
                        segments.Add(new RateSegment(start, phase.Duration, lastRate, end, phase.IsWarmUp));
                        lastRate = end;
                        break;
                    }

                case LoadSimulationKind.InjectRandom:
                    {
                        var pieceStart = start;
                        var phaseEnd = start + phase.Duration;
                        while (pieceStart < phaseEnd)
                        {
                            var pieceEnd = pieceStart + simulation.Interval < phaseEnd ? pieceStart + simulation.Interval : phaseEnd;
                            var rate = simulation.MinRate + (random.NextDouble() * (simulation.MaxRate - simulation.MinRate));
                            var perSecond = rate / simulation.Interval.TotalSeconds;
                            segments.Add(new RateSegment(pieceStart, pieceEnd - pieceStart, perSecond, perSecond, phase.IsWarmUp));
                            lastRate = perSecond;
                            pieceStart = pieceEnd;
                        }

                        break;
                    }

                default:
                    segments.Add(new RateSegment(start, phase.Duration, 0, 0, phase.IsWarmUp));
                    lastRate = 0;
                    break;
            }

            start += phase.Duration;
        }

        return new OpenSchedule(segments);
    }

    private static double Fraction(TimeSpan part, TimeSpan whole) =>
        whole <= TimeSpan.Zero ? 1 : Math.Clamp(part / whole, 0, 1);

    private static void Validate(string scenario, int index, LoadSimulation s)
    {
        string? problem = null;
        if (!double.IsFinite(s.Rate) || s.Rate < 0)
        {
            problem = "rate must be a finite number >= 0";
        }
        else if (s.IsOpen && s.Interval <= TimeSpan.Zero)
        {
            problem = "interval must be positive";
        }
        else if (s.Kind == LoadSimulationKind.InjectRandom && (s.MinRate < 0 || s.MaxRate < s.MinRate || !double.IsFinite(s.MaxRate)))
        {
            problem = "InjectRandom needs 0 <= minRate <= maxRate";
        }
        else if (s.Kind != LoadSimulationKind.IterationsForConstant && s.During < TimeSpan.Zero)
        {
            problem = "during must not be negative";
        }
        else if (s.IsClosed && s.Copies < 0)
        {
            problem = "copies must be >= 0";
        }
        else if (s.Kind == LoadSimulationKind.IterationsForConstant && (s.Iterations < 0 || (s.Iterations > 0 && s.Copies == 0)))
        {
            problem = "IterationsForConstant needs iterations >= 0 and at least one copy";
        }

        if (problem is not null)
        {
            throw new InvalidLoadSimulationException($"Scenario '{scenario}', load simulation #{index + 1} {s}: {problem}.");
        }
    }
}
