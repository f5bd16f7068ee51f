namespace Recommend.Ingest.Cli;

/// <summary>
/// "--name value" and "--flag" options plus positional arguments; small on purpose so every
/// command reads the same way and reports a misspelt option instead of ignoring it.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positional { get; }

    public CliArguments(string[] args)
    {
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                string? value = null;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }

                _options[name] = value;
            }
            else
            {
                positional.Add(arg);
            }
        }

        Positional = positional;
    }

    public string Required(string name) =>
        Optional(name) ?? throw new CliUsageException($"--{name} is required.");

    public string? Optional(string name)
    {
        _read.Add(name);
        if (_options.TryGetValue(name, out var value))
        {
            return value ?? throw new CliUsageException($"--{name} needs a value.");
        }

        return null;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, out var value) || value < min || value > max)
        {
            throw new CliUsageException($"--{name} must be a whole number from {min} to {max} (was '{text}').");
        }

        return value;
    }

    public double Double(string name, double fallback, double min, double max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliUsageException($"--{name} must be a number from {min} to {max} (was '{text}').");
        }

        return value;
    }

    /// <summary>Call after reading every option: an option nobody asked for is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }

    /// <summary>An input file that must exist, with a message naming the option when it does not.</summary>
    public string ExistingFile(string name)
    {
        var path = Required(name);
        if (!File.Exists(path))
        {
            // dotnet run starts in the project folder, so say where a relative path was looked for.
            var where = Path.IsPathRooted(path) ? "" : $" (looked for {Path.GetFullPath(path)})";
            throw new CliUsageException($"--{name}: file '{path}' does not exist{where}.");
        }

        return path;
    }
}
