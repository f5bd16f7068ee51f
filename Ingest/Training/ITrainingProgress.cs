namespace Recommend.Ingest.Training;

/// <summary>Where retraining reports its long steps: a progress bar at a terminal, plain lines otherwise.</summary>
public interface ITrainingProgress
{
    /// <summary>Starts a step of <paramref name="total"/> units; the returned action adds finished units.</summary>
    Action<int> Start(string step, int total);

    /// <summary>A line worth keeping in the output (what was read, what was decided).</summary>
    void Note(string line);
}
