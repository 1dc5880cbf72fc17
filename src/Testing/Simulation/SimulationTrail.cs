namespace ActorCloud.Testing.Simulation;

/// <summary>
/// What a simulation run has done so far, for its report and its failure: the step it is at, the last 30 actions
/// with their answers, the commands acknowledged and refused, the checks passed and how often each fault was injected.
/// A violation becomes a <see cref="SimulationFailure"/> naming the seed, the step and those actions.
/// </summary>
public sealed class SimulationTrail(int seed)
{
    private const int Remembered = 30;

    private readonly Queue<string> _recent = new();
    private readonly Dictionary<string, int> _faults = [];
    private int _acknowledged;
    private int _refused;
    private int _checks;

    public int Step { get; set; }

    public void Answered(bool refused)
    {
        if (refused) _refused++;
        else _acknowledged++;
    }

    public void Checked() => _checks++;

    public void Count(string fault) => _faults[fault] = _faults.GetValueOrDefault(fault) + 1;

    public void Note(string action)
    {
        _recent.Enqueue($"step {Step}: {action}");
        if (_recent.Count > Remembered) _recent.Dequeue();
    }

    public SimulationFailure Violation(string violation) => new(seed, Step, violation, _recent);

    public SimulationReport Report() => new(seed, _acknowledged, _refused, new Dictionary<string, int>(_faults), _checks);
}
