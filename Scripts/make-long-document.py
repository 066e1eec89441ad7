#!/usr/bin/env python3
"""Write a long single-line document, for measuring the memory of windowed annotation.

Usage (from the repository root):

    python3 Scripts/make-long-document.py 48 > /tmp/long.txt
    /usr/bin/time -v .build/release/entities annotate --format jsonl /tmp/long.txt > /dev/null

Writes about MEGABYTES MiB (default 48) of news-like sentences, written for this project
(fictional events), repeated on one line and ended by a line break. They hold about
15,000 mentions per MiB, as the news corpora do. Python 3 standard library only.
"""
import sys

# News-like sentences (fictional events), repeated on one line.
sentences = [
    "Heavy rain flooded several villages in the south of the province on Tuesday, and officials said that at least 12 people had been killed.",
    "Prime Minister Shehbaz Sharif told reporters in Islamabad that relief teams would stay in the affected districts for as long as they were needed.",
    "The roads between Quetta and Mastung were closed for most of the week while engineers repaired the bridges that the water had weakened.",
    "A spokesman for the provincial disaster authority said that more than 300 families had been moved to schools and tents on higher ground.",
    "Sharif said the government would pay for new houses, and he asked donors to send money rather than clothes or food that could spoil.",
    "In Peshawar, the police said they had arrested two men who were accused of selling stolen relief goods at a market near the city’s old gate.",
    "Farmers in the area said the harvest was lost and that they did not know how they would pay back the loans they had taken in the spring.",
    "The United Nations said its agencies were sending water pumps and medicine, and that a team would visit Kandahar and Kabul next month.",
    "Local officials warned that the river could rise again if the rain went on, and they told people living near its banks to leave their homes.",
    "Officials of the Counter Terrorism Department (CTD) in Balochistan said the CTD had sent guards to protect the aid convoys near Sibi.",
    "Pakistani and Afghan officials met in Doha on March 3, 2024, and agreed to reopen the Chaman border crossing for trucks carrying food.",
    "Doctors at the main hospital said they had treated dozens of children for fever and stomach illness since the water began to fall last week.",
]
target = int(sys.argv[1]) << 20 if len(sys.argv) > 1 else 48 << 20
line = " ".join(sentences) + " "
out = sys.stdout
written = 0
while written < target:
    out.write(line)
    written += len(line.encode())
out.write("\n")
