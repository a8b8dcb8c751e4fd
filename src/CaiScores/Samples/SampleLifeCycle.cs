namespace CaiScores.Samples;

/// <summary>
/// Who is scored in each run when <see cref="CaiSampleOptions.VaryingRetention"/> is on: persons join (a quarter after the
/// first run), lapse (more often with a low propensity and in their first two runs), sometimes come back, and now and then
/// miss a run. Its own random stream, derived from the seed, so the same options give the same presence.
/// </summary>
internal sealed class SampleLifeCycle
{
    private readonly Random _random;
    private readonly int[] _start;
    private readonly bool[] _lapsed;
    private readonly double _missRate;

    public SampleLifeCycle(CaiSampleOptions options, double[] latent)
    {
        _random = new Random(unchecked((options.Seed * 7_919) + 1_013));
        _missRate = options.MissingRate / 2;
        _start = new int[latent.Length];
        _lapsed = new bool[latent.Length];
        for (var i = 0; i < latent.Length; i++)
        {
            _start[i] = options.Runs > 1 && _random.NextDouble() < 0.25 ? 1 + _random.Next(options.Runs - 1) : 0;
        }
    }

    /// <summary>Whether person <paramref name="person"/> is scored in run <paramref name="run"/> (runs asked in order).</summary>
    public bool Present(int person, int run, double latent)
    {
        var age = run - _start[person];
        if (age < 0)
        {
            return false;
        }

        if (age == 0)
        {
            return true; // everyone is scored in the run they join
        }

        if (_lapsed[person])
        {
            _lapsed[person] = _random.NextDouble() >= 0.15; // a lapsed person comes back now and then
            return !_lapsed[person];
        }

        // Low propensities lapse more often, and everyone more in their first two runs.
        var hazard = (0.01 + (0.05 / (1 + Math.Exp(latent)))) * (age <= 2 ? 2.5 : 1);
        if (_random.NextDouble() < hazard)
        {
            _lapsed[person] = true;
            return false;
        }

        return _random.NextDouble() >= _missRate;
    }
}
