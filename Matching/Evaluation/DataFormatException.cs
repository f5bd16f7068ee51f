namespace Recommend.Matching.Evaluation;

/// <summary>A malformed input file, naming the file and the 1-based line so the fix is one jump away.</summary>
public sealed class DataFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}")
{
    public string Path { get; } = path;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
