// Live banner: asks every 15 s for high and critical flags stored since the page was shown.
(function () {
  const banner = document.getElementById("live-banner");
  if (!banner) return;
  const since = banner.dataset.since;
  async function check() {
    try {
      const response = await fetch("/api/alerts?since=" + encodeURIComponent(since), { credentials: "same-origin" });
      if (!response.ok) return;
      const data = await response.json();
      if (data.count > 0) {
        banner.textContent = "";
        const link = document.createElement("a");
        link.href = "/flags?severity=high&severity=critical";
        link.textContent = data.count + " new high/critical flag(s) since this page was opened: " + data.flags[0].summary;
        banner.appendChild(link);
        banner.hidden = false;
      }
    } catch (e) { /* offline for a moment: the next poll tries again */ }
  }
  setInterval(check, 15000);
})();
