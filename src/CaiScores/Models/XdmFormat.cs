namespace CaiScores.Models;

/// <summary>The two dataset formats Customer AI writes for one instance.</summary>
public enum XdmFormat
{
    /// <summary>
    /// "Customer AI Scores - &lt;app&gt;": XDM Individual Profile class, no <c>timestamp</c>; each scoring run replaces the
    /// previous batch, so the dataset holds the latest run.
    /// </summary>
    Profile = 0,

    /// <summary>
    /// "Customer AI Scores in EE Format – &lt;app&gt;": XDM ExperienceEvent class with <c>timestamp</c> = score date; one
    /// record per person per run, so the dataset holds the history.
    /// </summary>
    ExperienceEvent = 1,
}
