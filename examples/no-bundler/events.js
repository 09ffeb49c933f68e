// Optional: the guard needs no script of yours. These listeners only show its events, which
// bubble from the form, and what the last submit sent (the form submits to this page with GET).
const form = document.getElementById('checkout');
const log = document.getElementById('log');

function note(text) {
  const li = document.createElement('li');
  li.textContent = text;
  log.append(li);
}

const sent = new URLSearchParams(location.search);
if (sent.has('instalment_plan')) {
  note(`Submitted with instalment_plan = "${sent.get('instalment_plan')}"`);
}

form.addEventListener('instalmentguard:remind', (e) => {
  note(`Reminder shown; recommended plan: ${e.detail.recommendedPlanId}`);
});
form.addEventListener('instalmentguard:choose', (e) => note(`Chose ${e.detail.planId}`));
form.addEventListener('instalmentguard:proceed', () => note('Paying in full'));
form.addEventListener('instalmentguard:dismiss', () => note('Closed the reminder; nothing was sent'));
