/* Booking page of Créneau.
 *
 * Reads the feed published beside it (SMART Scheduling Links: the "$bulk-publish" manifest,
 * FHIR R4 Location / Schedule / Slot as NDJSON) and config.json, lets the patient choose
 * department -> visit reason -> practitioner (or the first available) -> day -> time, checks
 * the form, and posts a JSON booking request to the hospital's request URL. The hospital
 * confirms. No external resource, no cookie, no tracker; user text only ever goes in as text.
 */
"use strict";

(function () {
  const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  const SHORT_WEEKDAYS = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."];
  const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];
  const FIELDS = ["family_name", "given_names", "birth_date", "phone", "email", "message"];
  const SCHEDULE_ID = /^sch-(\d+)-(\d+)$/;

  const state = {
    config: null,
    locations: new Map(), // "loc-1" -> {name, address}
    schedules: new Map(), // "sch-1-2" -> {practitionerId, reasonId, practitioner, location}
    slotFiles: [], // URLs, in time order
    loaded: 0, // slot files read so far
    slots: [], // {id, scheduleId, start, end, day, time, at}
    taken: new Set(), // slot ids refused by the hospital as no longer free
    sending: false,
  };

  const $ = (id) => document.getElementById(id);

  // --- reading the feed --------------------------------------------------------------------

  async function fetchText(url) {
    const response = await fetch(url, { cache: "no-cache", credentials: "omit" });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  }

  async function fetchJson(url) {
    return JSON.parse(await fetchText(url));
  }

  async function fetchNdjson(url) {
    const text = await fetchText(url);
    return text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
  }

  /* The manifest's URLs are built from the public base URL; the files sit beside it, so each
   * is read by its file name relative to the manifest (the page works wherever it is served). */
  function besideManifest(url, manifestUrl) {
    const name = String(url).split("?")[0].split("/").pop();
    return new URL(name, manifestUrl).href;
  }

  function addressText(address) {
    if (!address) return "";
    if (address.text) return address.text;
    const parts = [(address.line || []).join(" "), [address.postalCode, address.city].filter(Boolean).join(" ")];
    return parts.filter(Boolean).join(", ");
  }

  function readSchedule(resource) {
    const match = SCHEDULE_ID.exec(resource.id || "");
    if (!match) return;
    let practitioner = "";
    let location = null;
    for (const actor of resource.actor || []) {
      const reference = actor.reference || "";
      if (reference.startsWith("Location/")) location = reference.slice("Location/".length);
      else if (actor.display && !practitioner) practitioner = actor.display;
    }
    state.schedules.set(resource.id, {
      practitionerId: Number(match[1]),
      reasonId: Number(match[2]),
      practitioner: practitioner || "Praticien",
      location,
    });
  }

  function localParts(instant) {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(instant);
    if (match && /[+-]\d{2}:\d{2}$/.test(instant)) return { day: match[1], time: match[2] };
    // An instant in UTC: shown in the hospital's time zone.
    const format = new Intl.DateTimeFormat("fr-FR", {
      timeZone: state.config.timezone || "Europe/Paris", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
  }

  function readSlot(resource) {
    if (resource.resourceType !== "Slot" || resource.status !== "free") return;
    const scheduleId = String((resource.schedule || {}).reference || "").split("/").pop();
    if (!state.schedules.has(scheduleId)) return;
    const at = Date.parse(resource.start);
    if (!(at > Date.now())) return;
    const parts = localParts(resource.start);
    state.slots.push({ id: resource.id, scheduleId, start: resource.start, at, day: parts.day, time: parts.time });
  }

  async function loadNextSlotFile() {
    if (state.loaded >= state.slotFiles.length) return false;
    const url = state.slotFiles[state.loaded];
    state.loaded += 1;
    (await fetchNdjson(url)).forEach(readSlot);
    state.slots.sort((a, b) => a.at - b.at);
    return true;
  }

  async function load() {
    state.config = await fetchJson("config.json");
    const manifestUrl = new URL(state.config.manifest || "$bulk-publish", document.baseURI).href;
    const manifest = await fetchJson(manifestUrl);
    const outputs = (manifest.output || []).map((o) => ({ type: o.type, url: besideManifest(o.url, manifestUrl) }));
    for (const output of outputs.filter((o) => o.type === "Location")) {
      for (const location of await fetchNdjson(output.url)) {
        state.locations.set(location.id, { name: location.name || "", address: addressText(location.address) });
      }
    }
    for (const output of outputs.filter((o) => o.type === "Schedule")) {
      (await fetchNdjson(output.url)).forEach(readSchedule);
    }
    state.slotFiles = outputs.filter((o) => o.type === "Slot").map((o) => o.url).sort();
  }

  // --- words -------------------------------------------------------------------------------

  function dayParts(day) {
    const [year, month, date] = day.split("-").map(Number);
    const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
    return { year, month, date, weekday, ordinal: date === 1 ? "1er" : String(date) };
  }

  function longDay(day) {
    const p = dayParts(day);
    return `${WEEKDAYS[p.weekday]} ${p.ordinal} ${MONTHS[p.month - 1]} ${p.year}`;
  }

  function shortDay(day) {
    const p = dayParts(day);
    return `${SHORT_WEEKDAYS[p.weekday]} ${p.ordinal} ${MONTHS[p.month - 1]}`;
  }

  function plural(count, one, many) {
    return `${count} ${count > 1 ? many : one}`;
  }

  function callUs() {
    const phone = state.config && state.config.hospital && state.config.hospital.phone;
    return phone ? ` Vous pouvez aussi appeler le secrétariat au ${phone}.` : "";
  }

  function say(text, problem) {
    const status = $("status");
    status.textContent = text;
    status.classList.toggle("problem", Boolean(problem));
  }

  // --- choosing ----------------------------------------------------------------------------

  function reasonById(id) {
    return state.config.visitReasons.find((r) => r.id === id);
  }

  function option(value, text) {
    const element = document.createElement("option");
    element.value = String(value);
    element.textContent = text;
    return element;
  }

  function offeredReasonIds() {
    return new Set([...state.schedules.values()].map((s) => s.reasonId));
  }

  function fillDepartments() {
    const offered = offeredReasonIds();
    const departments = state.config.departments.filter((d) =>
      state.config.visitReasons.some((r) => r.departmentId === d.id && offered.has(r.id)));
    const select = $("department");
    select.replaceChildren(option("", "— Choisissez un service —"), ...departments.map((d) => option(d.id, d.name)));
    if (departments.length === 1) select.value = String(departments[0].id);
    return departments.length;
  }

  function fillReasons() {
    const departmentId = Number($("department").value);
    const offered = offeredReasonIds();
    const reasons = state.config.visitReasons.filter((r) => r.departmentId === departmentId && offered.has(r.id));
    const select = $("reason");
    select.replaceChildren(option("", "— Choisissez un motif —"), ...reasons.map((r) => option(r.id, r.label)));
    select.disabled = !departmentId;
    if (reasons.length === 1) select.value = String(reasons[0].id);
  }

  function fillPractitioners() {
    const reason = reasonById(Number($("reason").value));
    const box = $("instructions");
    box.hidden = !(reason && reason.instructions);
    $("instructions-text").textContent = reason ? reason.instructions : "";
    const names = new Map();
    for (const schedule of state.schedules.values()) {
      if (reason && schedule.reasonId === reason.id) names.set(schedule.practitionerId, schedule.practitioner);
    }
    const sorted = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], "fr"));
    const select = $("practitioner");
    select.replaceChildren(option("", "Premier disponible"), ...sorted.map(([id, name]) => option(id, name)));
    select.disabled = !reason;
  }

  function onDepartmentChanged() {
    fillReasons();
    fillPractitioners();
    refreshSlots(null);
  }

  function onReasonChanged() {
    fillPractitioners();
    refreshSlots(null);
  }

  /* The booking link of a published slot (``?slot=<id>``): its choices made, the slot chosen. */
  async function preselect(id) {
    const match = /^slot-(\d+)-(\d+)-\d{8}T\d{4}Z$/.exec(id || "");
    const schedule = match && state.schedules.get(`sch-${match[1]}-${match[2]}`);
    const reason = schedule && reasonById(schedule.reasonId);
    if (!reason) return false;
    $("department").value = String(reason.departmentId);
    fillReasons();
    $("reason").value = String(reason.id);
    fillPractitioners();
    $("practitioner").value = String(schedule.practitionerId);
    try {
      while (!state.slots.some((s) => s.id === id) && state.loaded < state.slotFiles.length) {
        await loadNextSlotFile();
      }
    } catch (error) {
      say("Une partie des créneaux n'a pas pu être chargée." + callUs(), true);
    }
    const slot = state.slots.find((s) => s.id === id && !state.taken.has(s.id));
    await refreshSlots(slot ? slot.day : null);
    if (!slot) {
      $("when-status").textContent = "Le créneau choisi n'est plus disponible : voici les autres créneaux libres.";
      return true;
    }
    $(`slot-${slot.id}`).checked = true;
    updateSummary();
    return true;
  }

  function matchingSlots() {
    const reasonId = Number($("reason").value);
    const practitionerId = Number($("practitioner").value);
    return state.slots.filter((slot) => {
      const schedule = state.schedules.get(slot.scheduleId);
      return schedule.reasonId === reasonId && !state.taken.has(slot.id)
        && (!practitionerId || schedule.practitionerId === practitionerId);
    });
  }

  let refreshing = 0;

  async function refreshSlots(keep) {
    const ticket = ++refreshing;
    const reasonId = Number($("reason").value);
    $("slot-error").hidden = true;
    if (!reasonId) {
      $("when-status").textContent = "Choisissez d'abord un motif de consultation.";
      renderDays([], null);
      return;
    }
    try {
      while (matchingSlots().length === 0 && state.loaded < state.slotFiles.length) {
        $("when-status").textContent = "Recherche des prochains créneaux libres…";
        await loadNextSlotFile();
        if (ticket !== refreshing) return;
      }
    } catch (error) {
      say("Une partie des créneaux n'a pas pu être chargée." + callUs(), true);
    }
    const slots = matchingSlots();
    const days = [...new Set(slots.map((s) => s.day))];
    $("when-status").textContent = days.length
      ? `${plural(days.length, "jour a", "jours ont")} des créneaux libres.`
      : "Aucun créneau libre n'est proposé en ligne pour ce choix." + callUs();
    renderDays(days, keep);
  }

  function selectedValue(name) {
    const checked = document.querySelector(`input[name="${name}"]:checked`);
    return checked ? checked.value : null;
  }

  function chip(name, value, id, text, detail) {
    const wrapper = document.createElement("div");
    wrapper.className = "chip";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = value;
    input.id = id;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.append(document.createTextNode(text));
    if (detail) {
      const small = document.createElement("small");
      small.textContent = detail;
      label.append(small);
    }
    wrapper.append(input, label);
    return wrapper;
  }

  function renderDays(days, keep) {
    const slots = matchingSlots();
    const box = $("days");
    box.className = "chips days";
    box.replaceChildren(...days.map((day) => {
      const count = slots.filter((s) => s.day === day).length;
      return chip("day", day, `day-${day}`, shortDay(day), plural(count, "créneau", "créneaux"));
    }));
    $("day-group").hidden = days.length === 0;
    $("more-days").hidden = state.loaded >= state.slotFiles.length || !Number($("reason").value);
    const chosen = days.includes(keep) ? keep : days[0];
    if (chosen) $(`day-${chosen}`).checked = true;
    renderTimes(chosen || null);
  }

  function renderTimes(day) {
    const firstAvailable = !Number($("practitioner").value);
    const slots = matchingSlots().filter((s) => s.day === day);
    $("time-legend").firstChild.textContent = day ? `Heure, ${longDay(day)} ` : "Heure ";
    $("times").replaceChildren(...slots.map((slot) => {
      const schedule = state.schedules.get(slot.scheduleId);
      return chip("slot", slot.id, `slot-${slot.id}`, slot.time, firstAvailable ? schedule.practitioner : "");
    }));
    $("time-group").hidden = slots.length === 0;
    updateSummary();
  }

  function chosenSlot() {
    const id = selectedValue("slot");
    return id ? state.slots.find((s) => s.id === id) : null;
  }

  function describe(slot) {
    const schedule = state.schedules.get(slot.scheduleId);
    const reason = reasonById(schedule.reasonId);
    const location = state.locations.get(schedule.location);
    const [hours, minutes] = slot.time.split(":");
    let text = `${reason ? reason.label : "Consultation"} avec ${schedule.practitioner}, le ${longDay(slot.day)} à ${Number(hours)} h ${minutes}`;
    if (location && location.name) text += ` — ${location.name}${location.address ? ", " + location.address : ""}`;
    return text + ".";
  }

  function updateSummary() {
    const slot = chosenSlot();
    $("summary-text").textContent = slot ? describe(slot) : "Aucun créneau choisi pour l'instant.";
  }

  async function onMoreDays() {
    const button = $("more-days");
    button.disabled = true;
    const before = new Set(matchingSlots().map((s) => s.day));
    try {
      while (state.loaded < state.slotFiles.length) {
        await loadNextSlotFile();
        if (matchingSlots().some((s) => !before.has(s.day))) break;
      }
    } catch (error) {
      say("Une partie des créneaux n'a pas pu être chargée." + callUs(), true);
    }
    button.disabled = false;
    const days = [...new Set(matchingSlots().map((s) => s.day))];
    const added = days.filter((d) => !before.has(d)).length;
    renderDays(days, selectedValue("day"));
    $("when-status").textContent = added
      ? `${plural(added, "jour de plus", "jours de plus")} avec des créneaux libres.`
      : "Pas d'autre créneau libre publié.";
  }

  // --- checking and sending ----------------------------------------------------------------

  /* A first check only: the hospital checks the number for real. French national (10 digits
   * from 0), +33 / 0033, or international (+ and 8 to 15 digits). */
  function phoneProblem(text) {
    let number = text.normalize("NFKC").trim();
    if (!number) return "Indiquez votre numéro de téléphone.";
    if (/[^0-9+ ().\-/]/.test(number)) return "Le numéro ne doit contenir que des chiffres (et +, espaces, points ou tirets).";
    number = number.replace(/\(0\)/g, "").replace(/[ ().\-/]/g, "");
    if (number.startsWith("00")) number = "+" + number.slice(2);
    if (number.startsWith("+")) {
      const digits = number.slice(1);
      if (!/^\d+$/.test(digits)) return "Numéro invalide : le + ne peut venir qu'au début.";
      if (digits.startsWith("33")) {
        return /^33[1-9]\d{8}$/.test(digits) ? null : "Un numéro français compte 9 chiffres après +33 (+33 6 12 34 56 78).";
      }
      return digits.length >= 8 && digits.length <= 15 ? null : "Numéro international invalide : + puis l'indicatif du pays et le numéro.";
    }
    if (/^0[1-9]\d{8}$/.test(number)) return null;
    return "Un numéro français compte 10 chiffres et commence par 0 (06 12 34 56 78) ; depuis l'étranger, commencez par + et l'indicatif du pays.";
  }

  function birthDateProblem(value) {
    if (!value) return "Indiquez votre date de naissance.";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "Date de naissance invalide.";
    const today = new Date().toISOString().slice(0, 10);
    if (value > today) return "La date de naissance ne peut pas être dans le futur.";
    if (value < "1900-01-01") return "La date de naissance doit être postérieure à 1900.";
    return null;
  }

  function validate() {
    const problems = [];
    if (!Number($("department").value)) problems.push(["department", "Choisissez un service."]);
    else if (!Number($("reason").value)) problems.push(["reason", "Choisissez un motif de consultation."]);
    else if (!chosenSlot()) problems.push(["slot", "Choisissez un jour et une heure."]);
    const value = (id) => $(id).value.trim();
    if (!value("family_name")) problems.push(["family_name", "Indiquez votre nom."]);
    if (!value("given_names")) problems.push(["given_names", "Indiquez votre prénom."]);
    const birth = birthDateProblem($("birth_date").value);
    if (birth) problems.push(["birth_date", birth]);
    const phone = phoneProblem($("phone").value);
    if (phone) problems.push(["phone", phone]);
    if (value("email") && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value("email"))) {
      problems.push(["email", "Adresse électronique invalide (exemple : nom@exemple.fr)."]);
    }
    return problems;
  }

  function clearErrors() {
    for (const field of FIELDS) {
      $(field).removeAttribute("aria-invalid");
      $(`${field}-error`).hidden = true;
    }
    $("slot-error").hidden = true;
    $("form-errors").hidden = true;
  }

  function fieldOf(name) {
    if (name === "slot") {
      const first = document.querySelector('input[name="slot"]') || document.querySelector('input[name="day"]');
      return first || $("reason");
    }
    return $(name) || null;
  }

  function showErrors(problems, title) {
    const list = document.createElement("ul");
    for (const [name, message] of problems) {
      const error = name === "slot" ? $("slot-error") : $(`${name}-error`);
      if (error) {
        error.textContent = message;
        error.hidden = false;
      }
      if (FIELDS.includes(name)) $(name).setAttribute("aria-invalid", "true");
      const item = document.createElement("li");
      const target = fieldOf(name);
      if (target) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target.focus();
        });
        item.append(link);
      } else {
        item.textContent = message;
      }
      list.append(item);
    }
    const summary = $("form-errors");
    const heading = document.createElement("p");
    heading.textContent = title || (problems.length > 1
      ? `${problems.length} points sont à corriger :` : "Un point est à corriger :");
    summary.replaceChildren(heading, list);
    summary.hidden = false;
    summary.focus();
  }

  function payload(slot) {
    const data = { slot: slot.id };
    for (const field of FIELDS) data[field] = $(field).value.trim();
    return data;
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (state.sending) return;
    clearErrors();
    const problems = validate();
    if (problems.length) {
      showErrors(problems);
      return;
    }
    if (!state.config.requestUrl) {
      showErrors([["_", "La demande en ligne n'est pas encore ouverte." + callUs()]], "Envoi impossible");
      return;
    }
    const slot = chosenSlot();
    const button = $("send");
    state.sending = true;
    button.setAttribute("aria-busy", "true");
    button.disabled = true;
    say("Envoi de votre demande…");
    try {
      const response = await fetch(state.config.requestUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload(slot)),
        credentials: "omit",
        mode: "cors",
      });
      let answer = {};
      try {
        answer = await response.json();
      } catch (error) {
        answer = {};
      }
      handleAnswer(response.status, answer, slot);
    } catch (error) {
      say("");
      showErrors([["_", "La demande n'a pas pu être envoyée : vérifiez votre connexion puis réessayez." + callUs()]], "Envoi impossible");
    } finally {
      state.sending = false;
      button.removeAttribute("aria-busy");
      button.disabled = false;
    }
  }

  function handleAnswer(status, answer, slot) {
    say("");
    const message = answer.message || "";
    if (status >= 200 && status < 300 && answer.ok !== false) {
      $("done-text").textContent = describe(slot);
      state.taken.add(slot.id);
      $("booking").hidden = true;
      $("done").hidden = false;
      $("done-title").focus();
      return;
    }
    if (status === 409) {
      state.taken.add(slot.id);
      refreshSlots(selectedValue("day")).then(() => {
        showErrors([["slot", message || "Ce créneau vient d'être pris : choisissez-en un autre."]], "Créneau indisponible");
      });
      return;
    }
    const errors = Object.entries(answer.errors || {}).map(([field, text]) =>
      [FIELDS.includes(field) || field === "slot" ? field : "_", text]);
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const fallback = status === 429
      ? "Trop de demandes envoyées depuis votre connexion : réessayez plus tard."
      : "La demande n'a pas pu être enregistrée.";
    showErrors([["_", (message || fallback) + callUs()]], "Envoi impossible");
  }

  function onAgain() {
    $("done").hidden = true;
    $("booking").hidden = false;
    refreshSlots(selectedValue("day")).then(() => $("booking").focus());
  }

  // --- start -------------------------------------------------------------------------------

  function showContact() {
    const hospital = state.config.hospital || {};
    if (hospital.name) {
      $("hospital-name").textContent = hospital.name;
      document.title = `Demander un rendez-vous — ${hospital.name}`;
    }
    if (hospital.phone) {
      const contact = $("contact");
      const link = document.createElement("a");
      link.href = hospital.phoneUri || `tel:${hospital.phone.replace(/\s/g, "")}`;
      link.textContent = hospital.phone;
      contact.replaceChildren(document.createTextNode("Pour toute question, appelez le secrétariat au "), link, document.createTextNode("."));
    }
  }

  async function start() {
    try {
      await load();
    } catch (error) {
      say("Les créneaux disponibles n'ont pas pu être chargés. Réessayez plus tard." + callUs(), true);
      if (state.config) showContact();
      return;
    }
    showContact();
    if (!fillDepartments()) {
      say("Aucun rendez-vous n'est proposé en ligne pour le moment." + callUs(), true);
      return;
    }
    say(state.config.requestUrl ? "" : "La demande en ligne n'est pas encore ouverte." + callUs(), !state.config.requestUrl);
    $("booking").hidden = false;
    $("department").addEventListener("change", onDepartmentChanged);
    $("reason").addEventListener("change", onReasonChanged);
    $("practitioner").addEventListener("change", () => refreshSlots(null));
    $("days").addEventListener("change", (event) => renderTimes(event.target.value));
    $("times").addEventListener("change", updateSummary);
    $("more-days").addEventListener("click", onMoreDays);
    $("booking").addEventListener("submit", onSubmit);
    $("again").addEventListener("click", onAgain);
    const wanted = new URLSearchParams(window.location.search).get("slot");
    if (!(await preselect(wanted))) onDepartmentChanged();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
