"""Numbers this page may quote, computed, not typed (see sitegate.facts)."""

from __future__ import annotations

import math
import re

from sitegate.facts import Claim, merged, printed_table
from sitegate.layout import LAYOUT

CHAPTER = "keras-training"
GIVEN = {
    "2017": "the year of Goyal et al.'s paper (and of Hoffer et al.'s)",
    "2014": "the year of Krizhevsky's paper",
    "2022": "the year of Malladi et al.'s paper",
    "8192": "the largest batch in Goyal et al. (2017)",
    "1000": "exercise 1 sets the dataset's size",
    "64": "exercise 1 sets the batch size",
    "30": "exercise 1 sets the number of epochs",
    "1024": "exercise 3 sets the batch size",
    "2018": "the year of Smith's paper",
    "2024": "the year of Hu et al.'s and of Hägele et al.'s papers",
    "90": "exercise 4 sets the step",
}


def out(name: str) -> str:
    """A recorded output of this chapter."""
    return (LAYOUT.snippets / CHAPTER / name).read_text(encoding="utf-8")


def cosine(lr: float, step: int, decay_steps: int) -> float:
    """Keras's CosineDecay with alpha = 0 (the schedules chapter's formula)."""
    t = min(step, decay_steps)
    return lr * 0.5 * (1 + math.cos(math.pi * t / decay_steps))


def steps_facts() -> dict[str, float | Claim]:
    """decay_steps in steps and in epochs (steps_not_epochs.py)."""
    text = out("steps_not_epochs.out")
    per_epoch, total = map(
        int, re.search(r"(\d+) steps per epoch, (\d+) steps", text).groups()
    )
    runs = re.findall(
        r"decay_steps = (\d+).*\n.*start: ([\d. ]+)\n.*epoch: +([\d. ]+)", text
    )
    table = {
        int(t): ([float(v) for v in r.split()], [float(v) for v in ls.split()])
        for t, r, ls in runs
    }
    right_rates, right_loss = table[total]
    wrong_rates, wrong_loss = table[total // per_epoch]
    for epoch, rate in enumerate(right_rates):
        assert abs(rate - cosine(0.1, epoch * per_epoch, total)) < 5e-5, (
            epoch,
            rate,
        )
    epochs = total // per_epoch
    for epoch, rate in enumerate(wrong_rates):
        assert abs(rate - cosine(0.1, epoch * per_epoch, epochs)) < 5e-5, (
            epoch,
            rate,
        )
    # Steps 1-4 of the wrong run get the rates the right one has at 8, 16, …
    assert all(
        abs(cosine(0.1, t, epochs) - cosine(0.1, per_epoch * t, total)) < 1e-12
        for t in range(epochs + 1)
    )
    return {
        "cos_8_40": cosine(0.1, per_epoch, total),
        "wrong_frozen": Claim(
            len(set(wrong_loss[1:])) == 1,
            en="does not move",
            zh="不再变化",
            evidence=f"wrong run's epoch losses {wrong_loss}",
        ),
        "wrong_first_worse": Claim(
            wrong_loss[0] > right_loss[0],
            en="worse",
            zh="更差",
            evidence=f"first epoch {wrong_loss[0]} vs {right_loss[0]}",
        ),
    }


def plateau_rule(
    val: list[float], factor=0.5, patience=2, min_delta=0.005, lr=0.1
):
    """Each epoch's rate by ReduceLROnPlateau's rule, as the page states it."""
    rates, best, wait = [], math.inf, 0
    for value in val:
        rates.append(lr)
        if value < best - min_delta:
            best, wait = value, 0
        else:
            wait += 1
            if wait >= patience:
                lr, wait = lr * factor, 0
    return rates


def plateau_facts() -> dict[str, float | Claim]:
    """ReduceLROnPlateau with a float rate, and with a schedule (the error)."""
    rows = printed_table(f"{CHAPTER}/plateau.out")
    rates = [rows[e][0] for e in sorted(rows)]
    val = [rows[e][2] for e in sorted(rows)]
    rule = plateau_rule(val)
    first_cut = next(e for e in sorted(rows) if rows[e][0] < 0.1)
    # The page's account of the first cut: a new low by less than min_delta,
    # then a worse epoch, and the rate halved after the second of them.
    cut = first_cut - 1
    assert (
        val[cut - 2] < min(val[: cut - 2])
        and min(val[: cut - 2]) - val[cut - 2] < 0.005
    )
    assert val[cut - 1] > val[cut - 2]
    failed = re.search(
        r"ReduceLROnPlateau: TypeError after (\d+)",
        out("plateau_schedule.out"),
    )
    return {
        "first_cut": first_cut,
        "small_gain_epoch": cut - 1,
        "cut_epoch": cut,
        "plateau_rule": Claim(
            all(abs(a - round(b, 4)) < 1e-9 for a, b in zip(rates, rule)),
            en="the same",
            zh="相同",
            evidence=f"printed {rates}, rule {rule}",
        ),
        "schedule_fail_epoch": int(failed.group(1)),
    }


def resume_facts() -> dict[str, float | Claim]:
    """A saved and loaded model goes on where the run without a stop went."""
    loss = {
        name.strip(): float(value)
        for name, value in re.findall(
            r"^(.+): loss (\S+) ", out("resume.out"), re.M
        )
    }
    return {
        "resume_same": Claim(
            loss["resumed"] == loss["no stop"],
            en="the same",
            zh="相同",
            evidence=f"{loss}",
        ),
    }


def batch_table(text: str, name: str) -> dict[str, list]:
    """One optimizer's block of batch_size.out: rows by rate, best, ratios."""
    part = text[text.index(f"{name}: excess") :]
    part = part[: part.index("linear rule")]
    rows = {}
    for line in part.splitlines()[2:12]:
        label, *cells = line.split()
        rows[float(label)] = [
            math.inf if c == "diverged" else float(c) for c in cells
        ]
    best = [
        float(v)
        for v in re.search(r"^best\s+(.+)$", part, re.M).group(1).split()
    ]
    grows = [
        float(v)
        for v in re.findall(r"x(\d+(?:\.\d+)?)", part.splitlines()[-1])
    ]
    return {"rows": rows, "best": best, "grows": grows}


def batch_facts() -> dict[str, float | Claim]:
    """How the best rate moves with the batch size (batch_size.py)."""
    text = out("batch_size.out")
    code = (LAYOUT.snippets / CHAPTER / "batch_size.py").read_text(
        encoding="utf-8"
    )
    n, _, epochs, _ = map(
        int,
        re.search(
            r"n, d, epochs, reps = (\d+), (\d+), (\d+), (\d+)", code
        ).groups(),
    )
    batches = [
        int(b)
        for b in re.search(r"batches = \(([\d, ]+)\)", code)
        .group(1)
        .split(",")
    ]
    limit = float(re.search(r"= (\d+\.\d+)\n", text).group(1))
    sgd, adam = batch_table(text, "SGD"), batch_table(text, "Adam")
    ratio = [b / a for a, b in zip(sgd["best"], sgd["best"][1:])]
    assert ratio == sgd["grows"], (ratio, sgd["grows"])
    linear = re.findall(
        r"linear rule .*: rate (\S+) at .* loss (\S+) x the best; "
        r"with warm-up (\S+) x",
        text,
    )
    (sgd_rate, sgd_loss, sgd_warm), (_, adam_loss, adam_warm) = linear
    return {
        "steps_8": n * epochs / batches[0],
        "steps_512": n * epochs / batches[-1],
        "adam_memory": 1 / (1 - 0.999),
        "adam_vs_sgd_512": min(r[3] for r in adam["rows"].values())
        / min(r[3] for r in sgd["rows"].values()),
        "sgd_linear": Claim(
            sgd["grows"][:2] == [4.0, 4.0] and batches[1] / batches[0] == 4,
            en="follows the linear rule",
            zh="遵循线性缩放规则",
            evidence=f"SGD best rates {sgd['best']}",
        ),
        "sgd_capped": Claim(
            sgd["grows"][2] < 4
            and float(sgd_loss) > 1.2
            and float(sgd_rate) < limit,
            en="stops",
            zh="停住了",
            evidence=f"best {sgd['best']}, rule {sgd_rate}: {sgd_loss} x",
        ),
        "small_batch_diverges": Claim(
            sgd["rows"][4.0][0] == math.inf and 4.0 < limit,
            en="diverges",
            zh="发散",
            evidence=f"SGD rate 4 row {sgd['rows'][4.0]}, limit {limit}",
        ),
        "adam_linear": Claim(
            adam["grows"] == [4.0, 4.0, 4.0],
            en="per 4 times the batch",
            zh="增大到 4 倍",
            evidence=f"Adam best rates {adam['best']}",
        ),
        "warmup_no_help": Claim(
            sgd_loss == sgd_warm and float(adam_warm) > float(adam_loss),
            en="changed nothing",
            zh="没有改变",
            evidence=f"{sgd_loss}, {sgd_warm}; {adam_loss}, {adam_warm}",
        ),
    }


def wsd(
    step: float, peak: float, warmup: int, start: int, length: int
) -> float:
    """The page's WSD formula."""
    if step < warmup:
        return peak * step / warmup
    done = min(max((step - start) / length, 0.0), 1.0)
    return peak * (1 - math.sqrt(done))


def schedule_facts() -> dict[str, float | Claim]:
    """One-cycle, WSD and cosine on the same task (schedules_compared.py)."""
    code = (LAYOUT.snippets / CHAPTER / "schedules_compared.py").read_text(
        encoding="utf-8"
    )
    steps, peak, warmup, cooldown = re.search(
        r"steps, peak, warmup, cooldown = (\d+), ([\d.]+), (\d+), (\d+)", code
    ).groups()
    steps, peak, warmup, cooldown = (
        int(steps),
        float(peak),
        int(warmup),
        int(cooldown),
    )
    text = out("schedules_compared.out")
    ratio = dict(
        re.findall(r"(\S+) (\d+\.\d+)", text.split("divided by cosine's:")[1])
    )
    ratio = {k: float(v) for k, v in ratio.items()}
    rows = printed_table(f"{CHAPTER}/schedules_compared.out")
    assert (
        abs(rows[84][2] - wsd(84, peak, warmup, steps - cooldown, cooldown))
        < 5e-6
    ), rows[84]
    return {
        "epochs_96": steps / 8,
        "one_cycle_top": 0.3 * steps,
        "wsd_lower": Claim(
            ratio["WSD"] < 1.0,
            en="lower",
            zh="更低",
            evidence=f"{ratio}",
        ),
        "stopped_cosine_worst": Claim(
            ratio["cosine/192"] == max(ratio.values())
            and rows[96][3] > peak / 2,
            en="the highest",
            zh="最高",
            evidence=f"{ratio}; its rate at step 96: {rows[96][3]}",
        ),
        "ex1_steps": math.ceil(1000 / 64),
        "ex1_last": 1000 - 64 * (math.ceil(1000 / 64) - 1),
        "ex2_bound": printed_table(f"{CHAPTER}/plateau.out")[10][2] - 0.005,
        "ex4_90": wsd(90, 0.2, 8, 72, 24),
    }


def same_task() -> int:
    """The page says that every block but batch_size.py starts with the same
    task: the lines from ``keras = tf.keras`` to ``return model``."""
    task = re.compile(
        r"^keras = tf\.keras\n.*?^    return model\n", re.M | re.S
    )
    found = {}
    for path in sorted((LAYOUT.snippets / CHAPTER).glob("*.py")):
        if path.name not in ("facts.py", "batch_size.py"):
            match = task.search(path.read_text(encoding="utf-8"))
            found[path.name] = match.group(0) if match else None
    assert None not in found.values(), f"no task in {found}"
    assert len(set(found.values())) == 1, "the task differs between blocks"
    return len(found)


def facts() -> dict[str, float | Claim]:
    """Everything the chapter quotes."""
    same_task()
    return merged(
        steps_facts(),
        plateau_facts(),
        resume_facts(),
        batch_facts(),
        schedule_facts(),
    )
