using System.Globalization;

namespace Recommend.Benchmarks.WritePath;

/// <summary>Command-line options; the defaults are the small case (the shipped catalogue, 20 submissions).</summary>
internal sealed record WritePathOptions(int Practices, int Submissions, int Replicas, int DenseSample, int CheckpointEvery, int CompactAfter, int RetainBases)
{
    public static WritePathOptions Parse(string[] args)
    {
        var options = new WritePathOptions(Practices: 0, Submissions: 20, Replicas: 2, DenseSample: 128, CheckpointEvery: 100, CompactAfter: 64, RetainBases: 2);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--practices" => options with { Practices = value },
                "--submissions" => options with { Submissions = value },
                "--replicas" => options with { Replicas = value },
                "--dense-sample" => options with { DenseSample = value },
                "--checkpoint-every" => options with { CheckpointEvery = value },
                "--compact-after" => options with { CompactAfter = value },
                "--retain-bases" => options with { RetainBases = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}: use --practices, --submissions, --replicas, --dense-sample, --checkpoint-every, --compact-after, --retain-bases."),
            };
        }

        return options;
    }
}
